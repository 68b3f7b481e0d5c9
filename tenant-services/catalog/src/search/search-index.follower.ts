import {
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  TenantDataDeleted,
} from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions, repeatableHandlers } from '@marketplace/events';
import { onTenantStatusEvents } from '@marketplace/service-kit';
import type { BuyerSearchEngine } from './search-engine';
import type { SearchIndexService } from './search-index.service';

/**
 * Keeps this replica's search state in step with changes made through the other replicas: every replica reads
 * the tenant topic (and, for the in-memory index, the product topic and the catalog's offboarding confirmations)
 * in a consumer group of its own, from
 * the latest offset (the state at start was read from MongoDB). OpenSearch itself is fed by the shared
 * indexer instead (search/opensearch/search-indexer.ts); its replicas only need the tenant statuses.
 */
export function searchIndexFollower(
  options: Omit<EventConsumerOptions<undefined>, 'processedEvents' | 'startFrom'>,
  engine: BuyerSearchEngine,
  memoryIndex?: SearchIndexService,
): EventConsumer<undefined> {
  const consumer = new EventConsumer<undefined>({
    ...options,
    // Applying an event reads the product back or records a timestamped status: a repeat is harmless.
    processedEvents: repeatableHandlers,
    startFrom: 'latest',
  });
  if (memoryIndex) {
    const refresh = ({ payload, occurredAt }: { payload: { productId: string }; occurredAt: string }) =>
      memoryIndex.applyChange(payload.productId, new Date(occurredAt));
    for (const definition of [
      productCreatedV1,
      productUpdatedV1,
      productPublishedV1,
      productArchivedV1,
      productRemovedV1,
    ]) {
      consumer.handle(definition, refresh);
    }
    // The catalog confirmed it erased a deleted tenant's products: every replica drops them from its index.
    consumer.handle(TenantDataDeleted, async ({ payload }) => {
      if (payload.service === 'catalog') memoryIndex.removeTenant(payload.tenantId);
    });
  }
  return onTenantStatusEvents(consumer, ({ tenantId, status, changedAt }) =>
    engine.setTenantStatus(tenantId, status, changedAt),
  );
}
