import {
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
} from '@marketplace/contracts';
import {
  EventConsumer,
  type EventConsumerOptions,
  NonRetryableEventError,
  type ProcessedEventStore,
} from '@marketplace/events';
import type { CatalogDatabase } from '../../database/catalog-database';
import { indexedProducts } from '../../products/products.repository';
import { DELETED_VERSION, hiddenStub, toSearchDocument } from './product-search-document';
import { ProductIndexingError, type ProductSearchStore } from './product-search-store';

/**
 * Writing a product is idempotent by its revision (the external version): a repeat or an older event changes
 * nothing, so the indexer keeps no processed-events records.
 */
const versioned: ProcessedEventStore<undefined> = {
  runOnce: async (_key, fn) => ({ processed: true, value: await fn(undefined) }),
};

/**
 * Keeps OpenSearch current from the catalog's product events (ADR 0041): the replicas share one consumer
 * group, so each event is applied once in the common case. An event names a product; the indexer reads the
 * product back from MongoDB (the source of truth) and writes what buyers may see of it with its revision as
 * external version, or a hidden stub when they may not see it. While OpenSearch is down the handler keeps
 * retrying the same message (its partition waits, the consumer lag grows) and nothing is dead-lettered, so
 * the index catches up after a restart without a rebuild; a document OpenSearch refuses for its content is
 * a poison message and goes to the dead-letter topic.
 */
export function searchIndexer(
  options: Omit<EventConsumerOptions<undefined>, 'processedEvents' | 'maxAttempts' | 'retryBackoff'>,
  database: CatalogDatabase,
  store: ProductSearchStore,
): EventConsumer<undefined> {
  const consumer = new EventConsumer<undefined>({
    ...options,
    processedEvents: versioned,
    maxAttempts: Number.MAX_SAFE_INTEGER,
    retryBackoff: { initialMs: 200, maxMs: 5000 },
  });
  const index = async ({ payload }: { payload: { productId: string; tenantId: string } }) => {
    const doc = await indexedProducts.one(database, payload.productId);
    const document = doc
      ? { doc: toSearchDocument(doc), version: doc.rev }
      : { doc: hiddenStub(payload.productId, payload.tenantId), version: DELETED_VERSION };
    try {
      await store.write([document]);
    } catch (error) {
      if (error instanceof ProductIndexingError && !error.retryable) {
        throw new NonRetryableEventError(error.message, { cause: error });
      }
      throw error;
    }
  };
  for (const definition of [
    productCreatedV1,
    productUpdatedV1,
    productPublishedV1,
    productArchivedV1,
    productRemovedV1,
  ]) {
    consumer.handle(definition, index);
  }
  return consumer;
}
