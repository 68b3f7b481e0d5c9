import { CrossTenantAccessDeniedError } from './errors';
import { currentContext, runWithContext } from './request-context';

/**
 * The one vocabulary of data scope. A request starts scoped to its token's tenant (or to no tenant); code changes
 * the scope only with these two:
 *
 * - `withinTenant(tenantId, work)` — work on one seller's records for a tenant that is not the token's (an admin
 *   operation on one tenant, an internal call naming the seller, a saga step, a tenant being registered).
 * - `acrossTenants(operation, work)` — an explicitly named admin or platform operation that spans tenants (admin
 *   lists, moderation, sweepers, saga calls). Only inside it do the cross-tenant repositories and collections
 *   answer; its name is on the context (`crossTenant`) and on every log line written inside it.
 *
 * Both keep who acts (user, roles, trace) and leave the surrounding context as it was.
 */
export function withinTenant<T>(tenantId: string, work: () => T): T {
  return runWithContext({ ...currentContext(), tenantId }, work);
}

export function acrossTenants<T>(operation: string, work: () => T): T {
  if (!operation) throw new Error('acrossTenants needs the name of the operation it runs');
  return runWithContext({ ...currentContext(), crossTenant: operation }, work);
}

/**
 * Checked by the cross-tenant repositories on every call (not once at construction), so a repository object
 * cannot outlive the operation that was allowed to use it.
 */
export function requireAcrossTenants(): string {
  const operation = currentContext()?.crossTenant;
  if (!operation) throw new CrossTenantAccessDeniedError();
  return operation;
}
