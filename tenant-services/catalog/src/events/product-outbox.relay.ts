import { DocumentOutboxRelay, KafkaSender, type EventsLogger } from '@marketplace/events';
import type { CatalogDatabase } from '../database/catalog-database';

export interface ProductOutboxRelayOptions {
  brokers: string[];
  clientId: string;
  logger: EventsLogger;
  sweepIntervalMs: number;
}

/**
 * Publishes the events staged in products' and categories' own outboxes (ADR 0004), in order per document, and
 * drops the tombstone of a deleted product or category once its last event is out. Delivery is at least once; consumers dedupe
 * by event id.
 */
export function productOutboxRelay(
  database: CatalogDatabase,
  options: ProductOutboxRelayOptions,
): DocumentOutboxRelay {
  return new DocumentOutboxRelay({
    // The relay publishes every tenant's staged events: outbox plumbing, not a read of tenant data.
    // eslint-disable-next-line marketplace/no-raw-scoped-queries
    collections: [database.rawProducts, database.categories],
    sender: new KafkaSender({ brokers: options.brokers, clientId: options.clientId }),
    logger: options.logger,
    // One pass carries a 200 writes/s stream in one Kafka request (ADR 0054).
    batchSize: 200,
    pollIntervalMs: options.sweepIntervalMs,
    serializeDocumentWrite: database.serializeProductWrites,
    // A drained tombstone (a deleted product or category whose last event is out) is removed for good. The
    // read first keeps live documents (nearly all) out of their write queues.
    afterPublish: async (collection, id) => {
      const tombstone = { _id: id, deletedAt: { $ne: null }, pendingEventCount: 0 };
      if ((await collection.countDocuments(tombstone, { limit: 1 })) === 0) return;
      await database.serializeProductWrites(id, () => collection.deleteOne(tombstone));
    },
  });
}
