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
 * buyer search at once and come back on reactivation. Idempotency (processed-events table) and
 * dead-lettering come from the events library's consumer.
 */
export function tenantEventsConsumer(
  options: EventConsumerOptions,
  tenants: TenantStatusService,
): EventConsumer {
  return new EventConsumer(options)
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
