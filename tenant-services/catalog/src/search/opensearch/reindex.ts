import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogDatabase } from '../../database/catalog-database';
import type { ProductDocument } from '../../products/product.document';
import { indexedProducts } from '../../products/products.repository';
import { toSearchDocument } from './product-search-document';
import { TARGETS_TTL_MS, type ProductSearchStore, type VersionedDocument } from './product-search-store';

export interface ReindexProgress {
  indexed: number;
  total: number;
  elapsedMs: number;
}

export interface ReindexReport extends ReindexProgress {
  index: string;
  /** The indices the alias pointed at before, now deleted. */
  replaced: string[];
}

const BATCH = 1000;

/**
 * A full reindex from MongoDB without downtime (ADR 0041): fills a new index while searches keep reading the
 * alias's current one and the indexer writes every change to both, then moves the alias in one atomic
 * call and deletes the old index. Versions make the order of copy and live writes irrelevant: whichever
 * carries the later revision stays.
 */
export async function reindexProducts(
  database: CatalogDatabase,
  store: ProductSearchStore,
  onProgress: (progress: ReindexProgress) => void = () => undefined,
): Promise<ReindexReport> {
  const started = Date.now();
  const previous = await store.indicesBehindAlias();
  // No refreshes and no replicas while loading: the bulk load runs several times faster.
  const index = await store.createIndex({ refreshInterval: '-1', replicas: 0 });
  // Indexer writes still using a target list from before the new index existed land on the old index only;
  // the copy starts after those lists expired, so it reads every such change from MongoDB.
  await sleep(TARGETS_TTL_MS + 500);
  const total = await indexedProducts.countPublished(database);
  let indexed = 0;
  let batch: VersionedDocument[] = [];
  const flush = async () => {
    await store.write(batch, [index]);
    indexed += batch.length;
    batch = [];
    onProgress({ indexed, total, elapsedMs: Date.now() - started });
  };
  for await (const doc of indexedProducts.published(database, BATCH)) {
    const product = doc as ProductDocument;
    batch.push({ doc: toSearchDocument(product), version: product.rev });
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  const settings = await store.request<
    Record<string, { settings: { index: { number_of_replicas: string } } }>
  >('GET', `/${previous[0] ?? index}/_settings`);
  await store.request('PUT', `/${index}/_settings`, {
    index: {
      refresh_interval: store.refreshInterval,
      number_of_replicas: Number(Object.values(settings)[0]?.settings.index.number_of_replicas ?? 0),
    },
  });
  await store.request('POST', `/${index}/_refresh`);
  await store.request('POST', '/_aliases', {
    actions: [
      ...previous.map((old) => ({ remove: { index: old, alias: store.alias } })),
      { add: { index, alias: store.alias } },
    ],
  });
  for (const old of previous) await store.request('DELETE', `/${old}`);
  return { index, replaced: previous, indexed, total, elapsedMs: Date.now() - started };
}
