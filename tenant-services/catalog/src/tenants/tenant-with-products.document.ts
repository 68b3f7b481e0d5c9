/**
 * A tenant that has created products, keyed by tenant id: a status change stamps products only of a tenant
 * recorded here (a new seller's registration and approval have none to stamp).
 */
export interface TenantWithProductsDocument {
  _id: string;
  /** When its first product was created. */
  since: Date;
}
