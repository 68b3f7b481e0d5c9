import { currentContext, runWithContext } from '@marketplace/tenancy';

/**
 * Runs `work` scoped to `tenantId` while keeping who acts (trace, caller). Used by the internal reservation
 * API, whose caller is the platform acting for the sellers named on each checkout line, not a seller token.
 */
export function withinTenant<T>(tenantId: string, work: () => T): T {
  return runWithContext({ ...currentContext(), tenantId }, work);
}
