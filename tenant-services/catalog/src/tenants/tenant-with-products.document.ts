/**
 * A tenant that has created products, keyed by tenant id: a status change stamps products only of a tenant
 * recorded here (a new seller's registration and approval have none to stamp).
 */
export interface TenantWithProductsDocument {
  _id: string;
  /** When it was recorded: its first product's creation, or the catalog's start for products from before. */
  since: Date;
}
