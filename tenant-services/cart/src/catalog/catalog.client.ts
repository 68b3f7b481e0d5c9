/** A variant as the storefront sees it: the catalog's buyer-visible product (published, seller active). */
export interface CatalogProduct {
  id: string;
  tenantId: string;
  title: string;
  status: string;
  moderation: string;
  currency: string;
  inStock: boolean;
  /** Commission rules by category are applied at checkout (orders). */
  categoryId: string | null;
  variants: { id: string; sku: string; priceMinor: number }[];
}

/** Read access to the catalog; `null` for a product the catalog does not offer to buyers. */
export interface CatalogClient {
  products(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>>;
}

export const CATALOG_CLIENT = Symbol('CATALOG_CLIENT');
