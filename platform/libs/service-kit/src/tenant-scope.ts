import { currentContext, runWithContext } from '@marketplace/tenancy';

/**
 * Runs `work` scoped to `tenantId` while keeping who acts (user, roles, trace): for platform work on one
 * seller's records whose tenant is not the caller's token tenant (an internal call naming the seller, settling a
 * buyer order, a tenant being registered).
 */
export function withinTenant<T>(tenantId: string, work: () => T): T {
  return runWithContext({ ...currentContext(), tenantId }, work);
}

/** Platform work spanning tenants (internal saga calls, sweepers): the explicit cross-tenant scope. */
export function acrossTenants<T>(work: () => T): T {
  return runWithContext({ ...currentContext(), crossTenant: true }, work);
}
