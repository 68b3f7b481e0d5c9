import { withinTenant } from '@marketplace/service-kit';
import { requireCrossTenant } from '@marketplace/tenancy';

/** A platform admin acting on one tenant: refused unless the request context is marked cross-tenant. */
export function asAdminFor<T>(tenantId: string, work: () => T): T {
  requireCrossTenant();
  return withinTenant(tenantId, work);
}
