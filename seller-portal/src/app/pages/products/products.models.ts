export type ProductStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

export interface Variant {
  id: string;
  sku: string;
  priceMinor: number;
  optionValues: { name: string; value: string }[];
}

export interface Product {
  id: string;
  title: string;
  description: string;
  status: ProductStatus;
  moderation: 'NONE' | 'FLAGGED' | 'REMOVED';
  currency: string;
  minPrice: number;
  maxPrice: number;
  inStock: boolean;
  images: string[];
  options: { name: string; values: string[] }[];
  variants: Variant[];
  updatedAt: string;
}

export const PRODUCT_FIELDS = `id title description status moderation currency minPrice maxPrice inStock images
  options { name values } variants { id sku priceMinor optionValues { name value } } updatedAt`;
