import {
  TenantActivated,
  TenantReactivated,
  TenantRegistered,
  TenantRejected,
  TenantSuspended,
} from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { TenantStatus } from '../products/product.document';
import type { BuyerSearchEngine } from '../search/search-engine';
import type { TenantStatusService } from '../tenants/tenant-status.service';

/**
 * Keeps the catalog's tenant status in step with the tenants service: a suspended tenant's products leave
 * buyer search at once and come back on reactivation. Idempotency (processed_events in MongoDB) and
 * dead-lettering come from the events library's consumer; applying a status is idempotent too, since
 * without transactions a crash after it but before the record re-runs it. This replica's search engine
 * learns the status at once (the other replicas' from their search followers).
 */
export type TenantStatusHandler = (tenantId: string, status: TenantStatus, changedAt: Date) => Promise<void>;

/** Registers `apply` for every tenants event that sets a tenant's status, with the time of the change. */
export function onTenantStatusEvents(
  consumer: EventConsumer<undefined>,
  apply: TenantStatusHandler,
): EventConsumer<undefined> {
  return consumer
    .handle(TenantRegistered, ({ payload }) =>
      apply(payload.tenantId, payload.status, new Date(payload.registeredAt)),
    )
    .handle(TenantActivated, ({ payload }) =>
      apply(payload.tenantId, 'active', new Date(payload.activatedAt)),
    )
    .handle(TenantSuspended, ({ payload }) =>
      apply(payload.tenantId, 'suspended', new Date(payload.suspendedAt)),
    )
    .handle(TenantReactivated, ({ payload }) =>
      apply(payload.tenantId, 'active', new Date(payload.reactivatedAt)),
    )
    .handle(TenantRejected, ({ payload }) =>
      apply(payload.tenantId, 'rejected', new Date(payload.rejectedAt)),
    );
}

export function tenantEventsConsumer(
  options: EventConsumerOptions<undefined>,
  tenants: TenantStatusService,
  searchEngine: BuyerSearchEngine,
): EventConsumer<undefined> {
  return onTenantStatusEvents(new EventConsumer<undefined>(options), async (tenantId, status, changedAt) => {
    await tenants.applyStatus(tenantId, status, changedAt);
    await searchEngine.setTenantStatus(tenantId, status, changedAt);
  });
}
