import {
  EventConsumer,
  type EventsLogger,
  type KafkaConnectionOptions,
  repeatableHandlers,
} from '@marketplace/events';
import type { CachedTenantStatusLookup } from './cached-tenant-status';
import { onTenantStatusEvents } from './tenant-status-events';

/**
 * Feeds this replica's tenant statuses from the tenants service's lifecycle events, in a consumer group of its
 * own (every replica must see every event) reading from the latest offset: what happened before is asked of the
 * tenants service on a miss. Remembering a status again changes nothing, so no record of seen events is kept.
 */
export function tenantStatusFeed(
  options: KafkaConnectionOptions & { groupId: string; logger: EventsLogger },
  cache: CachedTenantStatusLookup,
): EventConsumer<undefined> {
  return onTenantStatusEvents(
    new EventConsumer<undefined>({ ...options, processedEvents: repeatableHandlers, startFrom: 'latest' }),
    async ({ tenantId, status, reason, changedAt }) =>
      cache.apply(tenantId, reason === undefined ? { status } : { status, reason }, changedAt),
  );
}
