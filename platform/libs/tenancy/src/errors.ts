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

/** Thrown when buyer-owned data is used without a signed-in user in the request context. */
export class BuyerContextMissingError extends Error {
  constructor() {
    super('No user in the current request context: buyer data can only be accessed for a signed-in buyer');
    this.name = 'BuyerContextMissingError';
  }
}

/** Thrown when a write names a buyer other than the one of the current request context. */
export class BuyerMismatchError extends Error {
  constructor() {
    super('buyerId differs from the buyer of the request context and cannot be set or changed');
    this.name = 'BuyerMismatchError';
  }
}
