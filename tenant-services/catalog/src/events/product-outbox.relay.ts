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
    collections: [database.rawProducts, database.categories, database.auditRecords],
    sender: new KafkaSender({ brokers: options.brokers, clientId: options.clientId }),
    logger: options.logger,
    // One pass carries a 200 writes/s stream in one Kafka request (ADR 0054).
    batchSize: 200,
    pollIntervalMs: options.sweepIntervalMs,
    serializeDocumentWrite: database.serializeProductWrites,
    // Drained tombstones (deleted products or categories whose last event is out) are removed for good. One
    // read per pass finds them, so live documents (nearly all) cost nothing and stay out of the write queues.
    afterPublish: async (collection, ids) => {
      // An audit record is nothing but its event: once that is out, the document goes.
      if (collection === database.auditRecords) {
        await database.serializeProductWrites(ids, () =>
          database.auditRecords.deleteMany({ _id: { $in: ids as string[] }, pendingEventCount: 0 }),
        );
        return;
      }
      const drained = { deletedAt: { $ne: null }, pendingEventCount: 0 };
      const tombstones = await collection
        .find({ _id: { $in: ids }, ...drained }, { projection: { _id: 1 } })
        .toArray();
      for (const { _id } of tombstones)
        await database.serializeProductWrites(_id, () => collection.deleteOne({ _id, ...drained }));
    },
  });
}
