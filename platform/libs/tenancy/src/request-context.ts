import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who a unit of work runs for. Set once per request (HTTP/GraphQL) or per consumed event from the
 * verified token or event envelope — never from caller-chosen headers or body fields.
 */
export interface RequestContext {
  /** Seller organization the work is scoped to; absent for buyers and for platform-wide admin work. */
  tenantId?: string;
  userId?: string;
  roles?: readonly string[];
  traceId?: string;
  /** Name of the admin or platform operation deliberately running across tenants (`acrossTenants`). */
  crossTenant?: string;
}

export class TenantContextMissingError extends Error {
  constructor() {
    super('No tenant in the current request context: tenant data can only be accessed for a tenant');
    this.name = 'TenantContextMissingError';
  }
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(Object.freeze({ ...context }), fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function requireTenantId(): string {
  const tenantId = storage.getStore()?.tenantId;
  if (!tenantId) throw new TenantContextMissingError();
  return tenantId;
}
