import {
  TenantActivated,
  TenantReactivated,
  TenantRegistered,
  TenantRejected,
  TenantSuspended,
} from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import { recordTenantStatus } from './tenant-statuses.repository';

/**
 * Keeps tenant_statuses in step with tenants.tenant.v1 (idempotent through processed_events). Transfers held
 * for a tenant that becomes active are released by the payments sweeper.
 */
export function tenantEventsConsumer(options: EventConsumerOptions): EventConsumer {
  return new EventConsumer(options)
    .handle(TenantRegistered, ({ payload }, { tx }) =>
      recordTenantStatus(tx, payload.tenantId, payload.status, new Date(payload.registeredAt)),
    )
    .handle(TenantActivated, ({ payload }, { tx }) =>
      recordTenantStatus(tx, payload.tenantId, 'active', new Date(payload.activatedAt)),
    )
    .handle(TenantSuspended, ({ payload }, { tx }) =>
      recordTenantStatus(tx, payload.tenantId, 'suspended', new Date(payload.suspendedAt)),
    )
    .handle(TenantReactivated, ({ payload }, { tx }) =>
      recordTenantStatus(tx, payload.tenantId, 'active', new Date(payload.reactivatedAt)),
    )
    .handle(TenantRejected, ({ payload }, { tx }) =>
      recordTenantStatus(tx, payload.tenantId, 'rejected', new Date(payload.rejectedAt)),
    );
}
