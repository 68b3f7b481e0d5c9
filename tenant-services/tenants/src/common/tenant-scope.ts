import { currentContext, requireCrossTenant, runWithContext } from '@marketplace/tenancy';

/**
 * Runs `work` scoped to `tenantId` while keeping who acts (user, roles, trace). For the few moments when the
 * tenant is not the caller's token tenant: while a tenant is being created (sign-up, seed) — the id is the
 * organization just provisioned — and when a platform admin acts on one tenant (see `asAdminFor`).
 */
export function withinTenant<T>(tenantId: string, work: () => T): T {
  return runWithContext({ ...currentContext(), tenantId }, work);
}

/** A platform admin acting on one tenant: refused unless the request context is marked cross-tenant. */
export function asAdminFor<T>(tenantId: string, work: () => T): T {
  requireCrossTenant();
  return withinTenant(tenantId, work);
}
