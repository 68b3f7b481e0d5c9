import type { CartProduct } from '@marketplace/contracts';

/** A product as the storefront sees it: the catalog's buyer-visible product (published, seller active). */
export type CatalogProduct = CartProduct;

/** Read access to the catalog; `null` for a product the catalog does not offer to buyers. */
export interface CatalogClient {
  products(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>>;
}

export const CATALOG_CLIENT = Symbol('CATALOG_CLIENT');
