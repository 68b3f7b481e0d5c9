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
    filterSupport: database.filterSupport,
    // Drained tombstones (deleted products or categories whose last event is out) are removed for good. The
    // pass's own read says which documents are deleted, so live ones (nearly all) cost no query and stay out of
    // the write queues (on FerretDB every query but one by `_id` alone decodes the whole collection).
    afterPublishFields: ['deletedAt'],
    afterPublish: async (collection, documents) => {
      // An audit record is nothing but its event: once that is out, the document goes.
      if (collection === database.auditRecords) {
        const ids = documents.map((doc) => doc._id as string);
        await database.serializeProductWrites(ids, () =>
          database.auditRecords.deleteMany({ _id: { $in: ids }, pendingEventCount: 0 }),
        );
        return;
      }
      const drained = { deletedAt: { $ne: null }, pendingEventCount: 0 };
      for (const { _id } of documents.filter((doc) => doc.deletedAt))
        await database.serializeProductWrites(_id, () => collection.deleteOne({ _id, ...drained }));
    },
  });
}
