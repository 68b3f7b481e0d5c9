import {
  EventConsumer,
  type EventsLogger,
  type KafkaConnectionOptions,
  type ProcessedEventStore,
} from '@marketplace/events';
import type { CachedTenantStatusLookup } from './cached-tenant-status';
import { onTenantStatusEvents } from './tenant-status-events';

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
  return onTenantStatusEvents(
    new EventConsumer<undefined>({ ...options, processedEvents: repeatable, startFrom: 'latest' }),
    async ({ tenantId, status, reason, changedAt }) =>
      cache.apply(tenantId, reason === undefined ? { status } : { status, reason }, changedAt),
  );
}
