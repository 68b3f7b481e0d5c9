import { currentContext, runWithContext } from '@marketplace/tenancy';

/**
 * Runs `work` scoped to `tenantId` while keeping who acts (user, trace): for platform work on one seller's
 * records (settling a buyer order, a signed account webhook naming its tenant).
 */
export function withinTenant<T>(tenantId: string, work: () => T): T {
  return runWithContext({ ...currentContext(), tenantId }, work);
}

/** Platform work spanning tenants (internal saga calls, the sweeper): the explicit cross-tenant scope. */
export function acrossTenants<T>(work: () => T): T {
  return runWithContext({ ...currentContext(), crossTenant: true }, work);
}
