/** Thrown when a write names a tenant other than the one of the current request context. */
export class TenantMismatchError extends Error {
  constructor(message = 'The record belongs to another tenant than the current request context') {
    super(message);
    this.name = 'TenantMismatchError';
  }
}

/** Thrown when the cross-tenant (platform admin) API is used outside a context marked `crossTenant`. */
export class CrossTenantAccessDeniedError extends Error {
  constructor() {
    super('Cross-tenant data access requires a request context marked crossTenant (platform admin)');
    this.name = 'CrossTenantAccessDeniedError';
  }
}

/** Thrown for an operation that would escape or rewrite the tenant scope (e.g. `$set: {tenantId}`, `$lookup`). */
export class TenantScopeViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantScopeViolationError';
  }
}
