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
