export interface NameValue {
  name: string;
  value: string;
}

export interface Variant {
  id: string;
  sku: string;
  optionValues: NameValue[];
  priceMinor: number;
  compareAtMinor: number | null;
}

export interface ProductSummary {
  id: string;
  slug: string;
  title: string;
  currency: string;
  minPrice: number;
  maxPrice: number;
  inStock: boolean;
  /** Average of the published reviews (0 without any). */
  ratingAvg: number;
  ratingCount: number;
  images: string[];
  seller: { id: string };
  category: { id: string; name: string } | null;
}

/** A rendition of a product picture (signed, short-lived URL). */
export interface MediaVariant {
  name: 'thumbnail' | 'medium';
  url: string;
  width: number;
  height: number;
}

export interface ProductMedia {
  id: string;
  variants: MediaVariant[];
}

export interface Product extends ProductSummary {
  /** The pictures in display order; entries the media service does not serve (yet) are left out. */
  media: ProductMedia[];
  /** The seller's alt text of each image, in the order of `images` ("" for none). */
  imageAlts: string[];
  description: string;
  attributes: NameValue[];
  options: { name: string; values: string[] }[];
  variants: Variant[];
  publishedAt: string | null;
}

export interface FacetCount {
  value: string;
  label: string | null;
  count: number;
}

export interface PriceBucket {
  min: number;
  max: number | null;
  count: number;
}

export interface SearchFacets {
  categories: FacetCount[];
  sellers: FacetCount[];
  priceBuckets: PriceBucket[];
}

export interface SearchResult {
  products: ProductSummary[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  facets: SearchFacets;
}

export interface Category {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
}

export interface Seller {
  id: string;
  name: string;
  /** The store profile its owner keeps in the seller portal. */
  description?: string | null;
  returnPolicy?: string | null;
  logo?: { variants: { name: string; url: string }[] } | null;
}

/**
 * The alt text of the product's picture at `index` of `media`: the seller's for that image (matched by media id,
 * since `media` leaves out what is not served yet), else the product name with the picture's position.
 */
export function pictureAlt(product: Product, index: number): string {
  const media = product.media[index];
  const given = media ? product.imageAlts[product.images.indexOf(media.id)]?.trim() : undefined;
  return given || `${product.title}, picture ${index + 1} of ${product.media.length}`;
}
