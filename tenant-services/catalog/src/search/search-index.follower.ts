import {
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
} from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions, type ProcessedEventStore } from '@marketplace/events';
import { onTenantStatusEvents } from '../events/tenant-events.consumer';
import type { SearchIndexService } from './search-index.service';

/**
 * Applying an event to the index reads the product back or records a timestamped status, so a repeat is
 * harmless: nothing needs to remember which events this replica has seen.
 */
const repeatable: ProcessedEventStore<undefined> = {
  runOnce: async (_key, fn) => ({ processed: true, value: await fn(undefined) }),
};

/**
 * Keeps this replica's index in step with writes made by the other replicas: every replica reads the product
 * and tenant topics in a consumer group of its own, from the latest offset (the build at start read the
 * older state from MongoDB).
 */
export function searchIndexFollower(
  options: Omit<EventConsumerOptions<undefined>, 'processedEvents' | 'startFrom'>,
  searchIndex: SearchIndexService,
): EventConsumer<undefined> {
  const refresh = ({ payload, occurredAt }: { payload: { productId: string }; occurredAt: string }) =>
    searchIndex.applyChange(payload.productId, new Date(occurredAt));
  const consumer = new EventConsumer<undefined>({
    ...options,
    processedEvents: repeatable,
    startFrom: 'latest',
  });
  for (const definition of [
    productCreatedV1,
    productUpdatedV1,
    productPublishedV1,
    productArchivedV1,
    productRemovedV1,
  ]) {
    consumer.handle(definition, refresh);
  }
  return onTenantStatusEvents(consumer, async (tenantId, status, changedAt) => {
    searchIndex.setTenantStatus(tenantId, status, changedAt);
  });
}
