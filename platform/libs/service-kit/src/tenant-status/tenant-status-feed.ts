import {
  TenantActivated,
  TenantReactivated,
  TenantRegistered,
  TenantRejected,
  TenantSuspended,
} from '@marketplace/contracts';
import {
  EventConsumer,
  type EventsLogger,
  type KafkaConnectionOptions,
  type ProcessedEventStore,
} from '@marketplace/events';
import type { CachedTenantStatusLookup } from './cached-tenant-status';

/** Remembering a status again changes nothing: no record of seen events is needed. */
const repeatable: ProcessedEventStore<undefined> = {
  runOnce: async (_key, fn) => ({ processed: true, value: await fn(undefined) }),
};

/**
 * Feeds this replica's tenant statuses from the tenants service's lifecycle events, in a consumer group of its
 * own (every replica must see every event) reading from the latest offset: what happened before is asked of the
 * tenants service on a miss.
 */
export function tenantStatusFeed(
  options: KafkaConnectionOptions & { groupId: string; logger: EventsLogger },
  cache: CachedTenantStatusLookup,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>({ ...options, processedEvents: repeatable, startFrom: 'latest' })
    .handle(TenantRegistered, async ({ payload }) =>
      cache.apply(payload.tenantId, { status: payload.status }, new Date(payload.registeredAt)),
    )
    .handle(TenantActivated, async ({ payload }) =>
      cache.apply(payload.tenantId, { status: 'active' }, new Date(payload.activatedAt)),
    )
    .handle(TenantSuspended, async ({ payload }) =>
      cache.apply(
        payload.tenantId,
        { status: 'suspended', reason: payload.reason },
        new Date(payload.suspendedAt),
      ),
    )
    .handle(TenantReactivated, async ({ payload }) =>
      cache.apply(payload.tenantId, { status: 'active' }, new Date(payload.reactivatedAt)),
    )
    .handle(TenantRejected, async ({ payload }) =>
      cache.apply(
        payload.tenantId,
        { status: 'rejected', reason: payload.reason },
        new Date(payload.rejectedAt),
      ),
    );
}
