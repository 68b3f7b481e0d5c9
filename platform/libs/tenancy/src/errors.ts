/** Thrown when a write names a tenant other than the one of the current request context. */
export class TenantMismatchError extends Error {
  constructor(message = 'The record belongs to another tenant than the current request context') {
    super(message);
    this.name = 'TenantMismatchError';
  }
}

/** Thrown when the cross-tenant repositories are used outside a named `acrossTenants` operation. */
export class CrossTenantAccessDeniedError extends Error {
  constructor() {
    super('Cross-tenant data access is only allowed inside a named acrossTenants operation');
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
