import {
  TenantActivated,
  TenantReactivated,
  TenantRegistered,
  TenantSuspended,
} from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { TenantStatusService } from '../tenants/tenant-status.service';

/**
 * Keeps the catalog's tenant status in step with the tenants service: a suspended tenant's products leave
 * buyer search at once and come back on reactivation. Idempotency (processed_events in MongoDB) and
 * dead-lettering come from the events library's consumer; applying a status is idempotent too, since
 * without transactions a crash after it but before the record re-runs it.
 */
export function tenantEventsConsumer(
  options: EventConsumerOptions<undefined>,
  tenants: TenantStatusService,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>(options)
    .handle(TenantRegistered, async ({ payload }) => {
      await tenants.applyStatus(payload.tenantId, payload.status, new Date(payload.registeredAt));
    })
    .handle(TenantActivated, async ({ payload }) => {
      await tenants.applyStatus(payload.tenantId, 'active', new Date(payload.activatedAt));
    })
    .handle(TenantSuspended, async ({ payload }) => {
      await tenants.applyStatus(payload.tenantId, 'suspended', new Date(payload.suspendedAt));
    })
    .handle(TenantReactivated, async ({ payload }) => {
      await tenants.applyStatus(payload.tenantId, 'active', new Date(payload.reactivatedAt));
    });
}
