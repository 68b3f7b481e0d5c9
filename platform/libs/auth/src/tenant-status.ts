import { HttpException, HttpStatus } from '@nestjs/common';

/** The lifecycle states of a seller organization (the tenants service's `TENANT_STATUSES`). */
export type TenantLifecycleStatus = 'pending' | 'active' | 'suspended' | 'rejected';

/** A tenant's status as the platform knows it, with the reason a suspension or rejection was given. */
export interface TenantStanding {
  status: TenantLifecycleStatus;
  reason?: string;
}

/**
 * Where the AuthGuard learns the status of the tenant a request acts for. `undefined`: the tenants service
 * knows no such tenant. Throws `TenantStatusUnavailableError` when the status cannot be learned.
 */
export interface TenantStatusLookup {
  standingOf(tenantId: string): Promise<TenantStanding | undefined>;
}

export const TENANT_STATUS_LOOKUP = Symbol('TENANT_STATUS_LOOKUP');

/** The tenant's status could not be learned (HTTP 503): the write is refused, not trusted (ADR 0048). */
export class TenantStatusUnavailableError extends HttpException {
  constructor(cause?: unknown) {
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: "Your organization's status cannot be checked right now; try again shortly",
      },
      HttpStatus.SERVICE_UNAVAILABLE,
      { cause },
    );
    this.name = 'TenantStatusUnavailableError';
  }
}

/**
 * Why a write of a tenant in this standing is refused, or undefined when it may go ahead. Pending and rejected
 * tenants may use the operations marked `@OpenToPendingTenants()`; suspended tenants may write nothing; a tenant
 * the platform does not know may write nothing either (its organization has no tenant record).
 */
export function writeRefusal(
  standing: TenantStanding | undefined,
  openToPending: boolean,
): string | undefined {
  switch (standing?.status) {
    case 'active':
      return undefined;
    case 'pending':
      return openToPending ? undefined : 'Your organization is awaiting approval';
    case 'rejected':
      return openToPending
        ? undefined
        : `Your organization's application was rejected${standing.reason ? `: ${standing.reason}` : ''}`;
    case 'suspended':
      return `Your organization is suspended${standing.reason ? `: ${standing.reason}` : ''}`;
    case undefined:
      return 'Your organization is not registered with the marketplace';
  }
}
