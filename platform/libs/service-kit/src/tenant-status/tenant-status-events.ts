import {
  TenantActivated,
  TenantReactivated,
  TenantRegistered,
  TenantRejected,
  TenantSuspended,
  type TenantStatus,
} from '@marketplace/contracts';
import type { EventConsumer, HandlerContext } from '@marketplace/events';

/** A tenant's status as one of the tenants service's lifecycle events sets it, with the time of the change. */
export interface TenantStatusChange {
  tenantId: string;
  status: TenantStatus;
  /** Why it was suspended or rejected. */
  reason?: string;
  changedAt: Date;
}

/**
 * Registers `apply` for every tenants event that sets a tenant's status: the one reading of those events that the
 * AuthGuard's status cache, the catalog's buyer visibility and the payments' held transfers all follow.
 */
export function onTenantStatusEvents<TTx>(
  consumer: EventConsumer<TTx>,
  apply: (change: TenantStatusChange, context: HandlerContext<TTx>) => Promise<void>,
): EventConsumer<TTx> {
  return consumer
    .handle(TenantRegistered, ({ payload }, context) =>
      apply(
        { tenantId: payload.tenantId, status: payload.status, changedAt: new Date(payload.registeredAt) },
        context,
      ),
    )
    .handle(TenantActivated, ({ payload }, context) =>
      apply(
        { tenantId: payload.tenantId, status: 'active', changedAt: new Date(payload.activatedAt) },
        context,
      ),
    )
    .handle(TenantSuspended, ({ payload }, context) =>
      apply(
        {
          tenantId: payload.tenantId,
          status: 'suspended',
          reason: payload.reason,
          changedAt: new Date(payload.suspendedAt),
        },
        context,
      ),
    )
    .handle(TenantReactivated, ({ payload }, context) =>
      apply(
        { tenantId: payload.tenantId, status: 'active', changedAt: new Date(payload.reactivatedAt) },
        context,
      ),
    )
    .handle(TenantRejected, ({ payload }, context) =>
      apply(
        {
          tenantId: payload.tenantId,
          status: 'rejected',
          reason: payload.reason,
          changedAt: new Date(payload.rejectedAt),
        },
        context,
      ),
    );
}
