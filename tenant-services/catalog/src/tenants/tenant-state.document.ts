import type { TenantStatus } from '../products/product.document';

/** What the catalog knows of a tenant from the tenants service's events. Keyed by tenant id. */
export interface TenantStateDocument {
  _id: string;
  status: TenantStatus;
  /** occurredAt of the event that set the status: older events arriving late are ignored. */
  changedAt: Date;
}
