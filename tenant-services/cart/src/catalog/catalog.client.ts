import type { CartProduct } from '@marketplace/contracts';

/** A product as the storefront sees it: the catalog's buyer-visible product (published, seller active). */
export type CatalogProduct = CartProduct;

/** Read access to the catalog; `null` for a product the catalog does not offer to buyers. */
export interface CatalogClient {
  /** For adding to the cart: may come from a copy that lags the catalog by the event stream (ADR 0064). */
  products(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>>;
  /** The catalog's answer now: the prices a checkout charges are taken from this (ADR 0064). */
  currentProducts(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>>;
}

export const CATALOG_CLIENT = Symbol('CATALOG_CLIENT');
