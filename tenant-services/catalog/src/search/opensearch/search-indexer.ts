import {
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  type ProductSnapshot,
  TenantDataDeleted,
} from '@marketplace/contracts';
import {
  EventConsumer,
  type EventConsumerOptions,
  NonRetryableEventError,
  repeatableHandlers,
} from '@marketplace/events';
import type { CatalogDatabase } from '../../database/catalog-database';
import { indexedProducts } from '../../products/products.repository';
import {
  DELETED_VERSION,
  hiddenStub,
  searchableFromEvent,
  toSearchDocument,
} from './product-search-document';
import {
  ProductIndexingError,
  type ProductSearchStore,
  type VersionedDocument,
} from './product-search-store';

export interface SearchIndexerOptions {
  /** Most documents in one bulk request. */
  maxBatch: number;
  /** How long the first document of a batch waits for others before the batch is written. */
  lingerMs: number;
}

interface Pending {
  document: VersionedDocument;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Bulk requests in flight at once. Each request costs the engine a fixed overhead besides its documents, so
 * while these are out the next documents gather into one larger batch instead of more small requests: the
 * batch size follows the rate (and the engine's speed) by itself.
 */
const BULKS_IN_FLIGHT = 2;

/**
 * Groups the documents of the messages in flight into bulk requests: a batch is written `lingerMs` after its
 * first document arrived, at once when it holds `maxBatch`, and when requests are already out, as soon as one
 * of them returns. Each document's promise settles with its own outcome, so one refused document fails only
 * its own message.
 */
class BulkBatcher {
  private batch: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly store: ProductSearchStore,
    private readonly options: SearchIndexerOptions,
  ) {}

  write(document: VersionedDocument): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.batch.push({ document, resolve, reject });
      if (this.batch.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // A request returning flushes what gathered meanwhile.
    if (this.batch.length === 0 || this.inFlight >= BULKS_IN_FLIGHT) return;
    const batch = this.batch.splice(0, this.options.maxBatch);
    if (this.batch.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    this.inFlight += 1;
    this.store
      .writeEach(batch.map((pending) => pending.document))
      .then(
        ({ refused }) =>
          batch.forEach((pending, i) => {
            const error = refused[i];
            if (error) pending.reject(error);
            else pending.resolve();
          }),
        (error: unknown) => batch.forEach((pending) => pending.reject(error)),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.flush();
      });
  }
}

/** What the indexer reports (metrics, readiness): the writes it received and has not yet indexed. */
export interface IndexerProgress {
  /** Messages received and not yet indexed (waiting for a batch, being written, or retrying). */
  pending(): number;
  /** Age of the oldest of them, from its write in the catalog (the event's time); 0 when none. */
  oldestUnindexedMs(now?: number): number;
}

/**
 * Keeps OpenSearch current from the catalog's product events (ADRs 0041, 0050): the replicas share one
 * consumer group, so each event is applied once in the common case. An event carries the product as the
 * write stored it (`state`): the indexer builds the search document from the event alone and writes what
 * arrived together in one bulk request (`maxBatch`, `lingerMs`), each document with the product's revision
 * as external version, so an older event never overwrites a newer document; a product buyers may not see is
 * a hidden stub. Only events staged before they carried the state are read back from MongoDB. Messages of
 * different products are handled side by side (up to three batches' worth), one product's in order.
 *
 * While OpenSearch is down the handlers keep retrying (their partitions wait, the consumer lag and the age of
 * the oldest unindexed write grow) and nothing is dead-lettered, so the index catches up after a restart
 * without a rebuild; a document OpenSearch refuses for its content is a poison message and goes to the
 * dead-letter topic.
 */
export function searchIndexer(
  options: Omit<
    EventConsumerOptions<undefined>,
    'processedEvents' | 'maxAttempts' | 'retryBackoff' | 'concurrency'
  >,
  database: CatalogDatabase,
  store: ProductSearchStore,
  batching: SearchIndexerOptions,
): { consumer: EventConsumer<undefined>; progress: IndexerProgress } {
  const consumer = new EventConsumer<undefined>({
    ...options,
    // Writing a product is idempotent by its revision (the external version): a repeat or an older event changes
    // nothing, so no processed-events records are kept.
    processedEvents: repeatableHandlers,
    maxAttempts: Number.MAX_SAFE_INTEGER,
    retryBackoff: { initialMs: 200, maxMs: 5000 },
    // Enough messages in flight for the requests out and the batch gathering behind them.
    concurrency: batching.maxBatch * (BULKS_IN_FLIGHT + 1),
  });
  const batcher = new BulkBatcher(store, batching);
  /** Event id -> when its write happened, for every message received and not yet indexed. */
  const unindexed = new Map<string, number>();
  const index = async ({
    id,
    occurredAt,
    payload,
  }: {
    id: string;
    occurredAt: string;
    payload: ProductSnapshot & { reason?: 'deleted' | 'moderated' };
  }) => {
    unindexed.set(id, Date.parse(occurredAt));
    try {
      await batcher.write(await documentOf(database, payload));
      unindexed.delete(id);
    } catch (error) {
      if (!isRetryable(error)) {
        unindexed.delete(id);
        throw new NonRetryableEventError(error instanceof Error ? error.message : String(error), {
          cause: error,
        });
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
  // A deleted tenant (ADR 0038): once the catalog confirmed it erased the products, their documents go too.
  consumer.handle(TenantDataDeleted, async ({ payload }) => {
    if (payload.service === 'catalog') await store.deleteTenant(payload.tenantId);
  });
  const progress: IndexerProgress = {
    pending: () => unindexed.size,
    oldestUnindexedMs: (now = Date.now()) => {
      let oldest = now;
      for (const at of unindexed.values()) if (at < oldest) oldest = at;
      return now - oldest;
    },
  };
  return { consumer, progress };
}

/**
 * The search document of the product an event describes, at the revision it carries. A product its seller
 * deleted gets the maximal version (ids are never reused), so no late event brings it back.
 */
async function documentOf(
  database: CatalogDatabase,
  payload: ProductSnapshot & { reason?: 'deleted' | 'moderated' },
): Promise<VersionedDocument> {
  const deleted = payload.reason === 'deleted';
  if (deleted) return { doc: hiddenStub(payload.productId, payload.tenantId), version: DELETED_VERSION };
  if (payload.state) {
    return {
      doc: toSearchDocument(searchableFromEvent({ ...payload, state: payload.state })),
      version: payload.state.revision,
    };
  }
  // An event staged before events carried the product's state: the stored product is at least as new.
  const doc = await indexedProducts.one(database, payload.productId);
  return doc
    ? { doc: toSearchDocument(doc), version: doc.rev }
    : { doc: hiddenStub(payload.productId, payload.tenantId), version: DELETED_VERSION };
}

/** Engine unavailable, busy or an unexpected fault: retried. A document refused for its content: not. */
function isRetryable(error: unknown): boolean {
  return !(error instanceof ProductIndexingError) || error.retryable;
}
