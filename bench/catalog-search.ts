/**
 * Catalog search under load at marketplace scale. Seeds 100 tenants × 1,000 published products into a MongoDB
 * database of the bench's own (documents built by the catalog's own document builder; kept between runs with
 * BENCH_KEEP_DATA=1), starts a catalog service on that database (it builds its in-memory search index at
 * start), then fires a long tail of ~500 distinct buyer searches with text, filters, facets and totals through
 * a gateway at 50 connections for ~20 s — twice: gateway as deployed (anonymous response cache on) and with the
 * cache off — and prints latency percentiles, requests/s, CPU per request and peak RSS of each run. Needs the local stack (`platform/stack/stack up`), not the demo platform, which it leaves alone.
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench catalog-search
 *
 * Env: MONGODB_URL, BENCH_MONGODB_DATABASE (catalog_bench), BENCH_TENANTS (100), BENCH_PRODUCTS_PER_TENANT
 * (1000), BENCH_DURATION_S (20), BENCH_CONNECTIONS (50), BENCH_KEEP_DATA=1 (keep the bench database).
 *
 * BENCH_SEARCH_ENGINE=opensearch (ADR 0041) seeds the products straight into OpenSearch at OPENSEARCH_URL
 * instead (bulk, alias `catalog-bench`; MongoDB holds only the categories), starts the catalog with
 * SEARCH_ENGINE=opensearch, and afterwards measures write-to-searchable: BENCH_WRITES_PER_S (200) product
 * writes for BENCH_WRITES_S (10) s (stored in MongoDB, their events sent to Kafka as the outbox relay sends
 * them), every 20th searched through the catalog until found.
 */
import { connectMongo } from '@marketplace/service-kit';
import { runWithContext } from '@marketplace/tenancy';
import { ulid } from 'ulid';
import { CategoriesService } from '@marketplace/catalog-service/src/categories/categories.service';
import { CatalogDatabase } from '@marketplace/catalog-service/src/database/catalog-database';
import { createProductSchema } from '@marketplace/catalog-service/src/products/product.inputs';
import type { ProductDocument } from '@marketplace/catalog-service/src/products/product.document';
import type { MediaOwnership } from '@marketplace/catalog-service/src/media/media-ownership';
import { ProductsRepository } from '@marketplace/catalog-service/src/products/products.repository';
import { ProductsService } from '@marketplace/catalog-service/src/products/products.service';
import { TenantStatusService } from '@marketplace/catalog-service/src/tenants/tenant-status.service';
import {
  BenchRefused,
  GATEWAY_MODES,
  measureLoad,
  printFigures,
  startBenchGateway,
  writeResults,
  type LoadFigures,
} from './lib/load';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';
import { startChildService, type ChildService } from '../platform/e2e/src';
import { KafkaSender } from '@marketplace/events';
import { productChangedEvent } from '@marketplace/catalog-service/src/products/product.events';
import {
  DELETED_VERSION,
  hiddenStub,
  toSearchDocument,
} from '@marketplace/catalog-service/src/search/opensearch/product-search-document';
import { ProductSearchStore } from '@marketplace/catalog-service/src/search/opensearch/product-search-store';

const DATABASE = process.env.BENCH_MONGODB_DATABASE ?? 'catalog_bench';
const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const PER_TENANT = Number(process.env.BENCH_PRODUCTS_PER_TENANT ?? 1000);
const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 20), 120);
const CONNECTIONS = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 50), 500);
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey', 'navy', 'olive'];
const ITEMS = ['shirt', 'jacket', 'lamp', 'mug', 'chair', 'rug', 'scarf', 'boot', 'vase', 'table'];
const MATERIALS = ['cotton', 'wool', 'linen', 'oak', 'steel', 'ceramic'];
const ENGINE = process.env.BENCH_SEARCH_ENGINE === 'opensearch' ? 'opensearch' : 'memory';
const OPENSEARCH_ALIAS = 'catalog-bench';
const WRITES_PER_S = Number(process.env.BENCH_WRITES_PER_S ?? 200);
const WRITES_S = Number(process.env.BENCH_WRITES_S ?? 10);

async function main(): Promise<void> {
  const mongo = await connectMongo({ url: required('MONGODB_URL'), database: DATABASE });
  const database = new CatalogDatabase(mongo.db);
  const started: ChildService[] = [];
  try {
    await database.ensureIndexes();
    const categories = new CategoriesService(database);
    const categoryIds = await benchCategories(database, categories);
    const store =
      ENGINE === 'opensearch'
        ? new ProductSearchStore({
            url: required('OPENSEARCH_URL'),
            alias: OPENSEARCH_ALIAS,
            shards: 1,
            replicas: 0,
            requestTimeoutMs: 120_000,
          })
        : undefined;
    const seeding = store
      ? await seedOpenSearch(store, database, categories, categoryIds)
      : await seedProducts(database, categories, categoryIds);
    console.log(
      `catalog-search: ${seeding.total} bench products in ${store ? `OpenSearch (${OPENSEARCH_ALIAS})` : DATABASE} ` +
        `(${seeding.inserted} inserted in ${seeding.seconds} s)`,
    );

    const indexStarted = Date.now();
    const progress = setInterval(
      () =>
        console.log(
          `waiting for the catalog to start${ENGINE === 'memory' ? ' (it builds its search index first)' : ''} (${Math.round((Date.now() - indexStarted) / 1000)} s)`,
        ),
      10_000,
    );
    const catalog = await startChildService(
      'tenant-services/catalog',
      {
        LOG_LEVEL: 'warn',
        MONGODB_DATABASE: DATABASE,
        TENANT_EVENTS_GROUP: `bench-catalog-${ulid()}`,
        STOCK_EVENTS_GROUP: `bench-catalog-stock-${ulid()}`,
        SEARCH_ENGINE: ENGINE,
        ...(store
          ? {
              OPENSEARCH_INDEX: OPENSEARCH_ALIAS,
              SEARCH_INDEXER_GROUP: `bench-catalog-indexer-${ulid()}`,
              SEARCH_INDEXER_START: 'latest',
            }
          : {}),
      },
      15 * 60_000,
    ).finally(() => clearInterval(progress));
    started.push(catalog);
    const indexSeconds = Math.round((Date.now() - indexStarted) / 1000);
    console.log(`catalog ready on ${catalog.url} after ${indexSeconds} s`);
    const bodies = searchBodies(categoryIds);
    const baseline = await measureFastifyBaseline({ connections: CONNECTIONS });
    printBaseline(baseline);
    const runs: Record<string, LoadFigures> = {};
    for (const mode of GATEWAY_MODES) {
      // NODE_ENV=test as the live-events bench does: the production guards refuse the loopback addresses of a
      // gateway started beside the local stack.
      const gateway = await startBenchGateway(`catalog=${catalog.url}`, { NODE_ENV: 'test', ...mode.env });
      try {
        const url = `${gateway.url}/graphql`;
        if (Object.keys(runs).length === 0) await checkAnswers(url, bodies.slice(0, 6));
        console.log(
          `load (${mode.name}): ${CONNECTIONS} connections for ${DURATION_S} s on ${url}, ${bodies.length} distinct searches`,
        );
        runs[mode.name] = await measureLoad({
          url,
          bodies,
          connections: CONNECTIONS,
          durationSeconds: DURATION_S,
          processes: { gateway: gateway.child.pid, catalog: catalog.child.pid },
        });
        printFigures(`catalog search through the gateway, ${mode.name}:`, runs[mode.name]!, baseline);
      } finally {
        await gateway.stop();
      }
    }
    const freshness = store
      ? await measureFreshness(store, database, categories, categoryIds, catalog.url)
      : undefined;
    await writeResults(store ? 'catalog-search-opensearch' : 'catalog-search', {
      baseline,
      engine: ENGINE,
      date: new Date().toISOString(),
      gateway: 'started by the bench (rate limiter on, anonymous limit raised)',
      dataset: {
        tenants: TENANTS,
        productsPerTenant: PER_TENANT,
        products: seeding.total,
        catalogStartSeconds: indexSeconds,
      },
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      distinctSearches: bodies.length,
      runs,
      ...(freshness ? { writeToSearchable: freshness } : {}),
    });
  } finally {
    for (const service of started) await service.stop();
    if (process.env.BENCH_KEEP_DATA !== '1') {
      console.log(`dropping the bench database ${DATABASE}`);
      await mongo.db.dropDatabase();
    }
    await mongo.close();
  }
}

/**
 * Bulk-loads the bench products into a fresh OpenSearch index behind the bench alias (refreshes off while
 * loading), unless the alias already holds them all and BENCH_KEEP_DATA=1.
 */
async function seedOpenSearch(
  store: ProductSearchStore,
  database: CatalogDatabase,
  categories: CategoriesService,
  categoryIds: string[],
) {
  const started = Date.now();
  const wanted = TENANTS * PER_TENANT;
  if (process.env.BENCH_KEEP_DATA === '1' && (await store.aliasExists())) {
    const { count } = await store.request<{ count: number }>('POST', `/${OPENSEARCH_ALIAS}/_count`, {
      query: { term: { visible: true } },
    });
    if (count === wanted) return { inserted: 0, total: count, seconds: 0 };
  }
  for (const old of await store.targets()) await store.request('DELETE', `/${old}`);
  const index = await store.createIndex({ refreshInterval: '-1' });
  const products = await documentBuilder(database, categories, categoryIds);
  let inserted = 0;
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = benchTenant(t);
    const docs = await runWithContext({ tenantId, userId: 'bench' }, async () => {
      const built: ProductDocument[] = [];
      for (let p = 0; p < PER_TENANT; p += 1) built.push(await benchProduct(products, t, p, categoryIds));
      return built;
    });
    await store.write(
      docs.map((doc) => ({ doc: toSearchDocument(doc), version: doc.rev })),
      [index],
    );
    inserted += docs.length;
    if ((t + 1) % 10 === 0) console.log(`seeding OpenSearch: ${inserted} of ${wanted} products`);
  }
  await store.request('PUT', `/${index}/_settings`, { index: { refresh_interval: '1s' } });
  await store.request('POST', `/${index}/_refresh`);
  await store.request('POST', '/_aliases', { actions: [{ add: { index, alias: OPENSEARCH_ALIAS } }] });
  return { inserted, total: inserted, seconds: Math.round((Date.now() - started) / 1000) };
}

/**
 * Write-to-searchable under a stream of product writes: each write stores a published product in MongoDB and
 * sends its `product.created` event to Kafka, as the catalog's outbox relay would; every 20th product (a
 * unique word in its title) is searched for through the catalog every 25 ms until found.
 */
async function measureFreshness(
  store: ProductSearchStore,
  database: CatalogDatabase,
  categories: CategoriesService,
  categoryIds: string[],
  catalogUrl: string,
) {
  const kafka = new KafkaSender({
    brokers: required('KAFKA_BROKERS').split(','),
    clientId: 'bench-freshness',
  });
  const products = await documentBuilder(database, categories, categoryIds);
  const run = ulid().toLowerCase();
  const samples: Promise<number>[] = [];
  const written: { id: string; tenantId: string }[] = [];
  const total = WRITES_PER_S * WRITES_S;
  const started = Date.now();
  try {
    for (let i = 0; i < total; i += 1) {
      // Paced: write i is due at i / rate seconds after the start.
      const due = started + (i * 1000) / WRITES_PER_S;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      // The trailing letter keeps one word from being a prefix of another (x20q, x200q).
      const word = `fresh${run}x${i}q`;
      const tenantId = benchTenant(i % TENANTS);
      const doc = await runWithContext({ tenantId, userId: 'bench' }, async () => {
        const built = await benchProduct(products, i % TENANTS, PER_TENANT + i, categoryIds);
        return { ...built, title: `${word} ${built.title}`, tokens: [word, ...built.tokens] };
      });
      const write = async () => {
        written.push({ id: doc._id, tenantId });
        await database.rawProducts.insertOne(doc);
        const event = productChangedEvent('created', doc);
        await kafka.send([
          { topic: event.topic, key: doc._id, value: JSON.stringify(event.envelope), headers: {} },
        ]);
        return Date.now();
      };
      if (i % 20 === 0) samples.push(write().then((written) => searchableAfter(catalogUrl, word, written)));
      else await write();
    }
    const latencies = (await Promise.all(samples)).sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    const figures = {
      writes: total,
      achievedWritesPerSecond: Math.round((total * 1000) / (Date.now() - started)),
      samples: latencies.length,
      latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1)! },
    };
    console.log(
      `write-to-searchable: ${figures.writes} writes at ${figures.achievedWritesPerSecond}/s, ${figures.samples} sampled: ` +
        `p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms, p99 ${figures.latencyMs.p99} ms`,
    );
    return figures;
  } finally {
    await kafka.close();
    await database.rawProducts.deleteMany({ title: { $regex: `^fresh${run}` } });
    // Hidden for good in OpenSearch too (the highest version), so a kept bench index holds only the seed.
    await store.write(
      written.map(({ id, tenantId }) => ({ doc: hiddenStub(id, tenantId), version: DELETED_VERSION })),
    );
  }
}

async function searchableAfter(catalogUrl: string, word: string, written: number): Promise<number> {
  const body = JSON.stringify({
    query: 'query($t: String) { products(search: { text: $t }) { totalCount } }',
    variables: { t: word },
  });
  for (;;) {
    const response = await fetch(`${catalogUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { data?: { products: { totalCount: number } } };
    if (answer.data?.products.totalCount === 1) return Date.now() - written;
    if (Date.now() - written > 30_000) return 30_000;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every query shape answers without errors before the load starts. */
async function checkAnswers(url: string, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as {
      data?: { products?: { totalCount: number } };
      errors?: unknown[];
    };
    if (response.status !== 200 || answer.errors || !answer.data?.products) {
      throw new BenchRefused(
        `A bench search failed (HTTP ${response.status}): ${JSON.stringify(answer.errors ?? answer)}`,
      );
    }
    const variables = (JSON.parse(body) as { variables: object }).variables;
    console.log(`  ${answer.data.products.totalCount} results for ${JSON.stringify(variables)}`);
  }
}

async function benchCategories(database: CatalogDatabase, categories: CategoriesService): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, name] of ['Bench apparel', 'Bench home', 'Bench outdoors', 'Bench kitchen'].entries()) {
    const slug = `bench-${index}`;
    const existing = await database.categories.findOne({ slug });
    ids.push((existing ?? (await categories.create({ name, slug, parentId: null })))._id);
  }
  return ids;
}

/**
 * Inserts the bench products 1,000 per insertMany, unless a kept bench database already holds them all
 * (anything else is dropped and seeded again).
 */
async function seedProducts(database: CatalogDatabase, categories: CategoriesService, categoryIds: string[]) {
  const started = Date.now();
  const existing = await database.rawProducts.estimatedDocumentCount();
  if (existing === TENANTS * PER_TENANT) return { inserted: 0, total: existing, seconds: 0 };
  // Dropping is instant where deleting 100,000 documents is not (FerretDB deletes them one statement each).
  if (existing > 0) await database.rawProducts.drop();

  const products = await documentBuilder(database, categories, categoryIds);
  let inserted = 0;
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = benchTenant(t);
    const docs: ProductDocument[] = [];
    await runWithContext({ tenantId, userId: 'bench' }, async () => {
      for (let p = 0; p < PER_TENANT; p += 1) docs.push(await benchProduct(products, t, p, categoryIds));
    });
    // Bench data bypasses SKU reservation and events: it only exists to be searched.
    await database.rawProducts.insertMany(docs);
    inserted += docs.length;
    if ((t + 1) % 10 === 0) console.log(`seeding: ${inserted} of ${TENANTS * PER_TENANT} products`);
  }
  return { inserted, total: inserted, seconds: Math.round((Date.now() - started) / 1000) };
}

/** The catalog's own document builder, its per-product lookups answered from memory (bench tenants are all active). */
async function documentBuilder(
  database: CatalogDatabase,
  categories: CategoriesService,
  categoryIds: string[],
): Promise<ProductsService> {
  const paths = new Map(
    await Promise.all(categoryIds.map(async (id) => [id, await categories.pathOf(id)] as const)),
  );
  const cachedCategories = Object.assign(Object.create(categories) as CategoriesService, {
    pathOf: async (id: string) => paths.get(id) ?? categories.pathOf(id),
  });
  const activeTenants = Object.assign(
    Object.create(new TenantStatusService(database)) as TenantStatusService,
    {
      statusOf: async () => 'active' as const,
    },
  );
  // Bench products carry no images, so the media service is never asked; any image id would be refused.
  const noMedia: MediaOwnership = { productImagesOf: () => Promise.resolve(new Set()) };
  return new ProductsService(new ProductsRepository(database), cachedCategories, activeTenants, noMedia);
}

function benchTenant(t: number): string {
  return `bench-tenant-${String(t).padStart(3, '0')}`;
}

async function benchProduct(
  products: ProductsService,
  t: number,
  p: number,
  categoryIds: string[],
): Promise<ProductDocument> {
  const color = COLORS[p % COLORS.length]!;
  const item = ITEMS[(p + t) % ITEMS.length]!;
  const material = MATERIALS[p % MATERIALS.length]!;
  const price = 500 + ((p * 37 + t * 11) % 300) * 100;
  const doc = await products.newDocument(
    createProductSchema.parse({
      title: `${color} ${material} ${item} ${p}`,
      description: `A ${material} ${item} from bench seller ${t}.`,
      categoryId: categoryIds[p % categoryIds.length],
      currency: 'EUR',
      attributes: [
        { name: 'color', value: color },
        { name: 'material', value: material },
      ],
      variants: [
        { sku: `B${t}-${p}-S`, priceMinor: price },
        { sku: `B${t}-${p}-L`, priceMinor: price + 500 },
      ],
    }),
  );
  return {
    ...doc,
    status: 'published',
    publishedAt: new Date(Date.now() - (PER_TENANT - p) * 1000),
    inStock: p % 10 !== 0,
    ratingAvg: (p % 50) / 10,
  };
}

/**
 * A long tail of distinct buyer searches, as a storefront sees: words and prefixes typed, category and price
 * filters, attribute facets clicked, one seller's shop, every sort — so the gateway's response cache meets
 * realistic misses, not six queries it keeps forever.
 */
function searchBodies(categoryIds: string[]): string[] {
  const query = `query($s: ProductSearchInput, $sort: ProductSort) {
    products(search: $s, sort: $sort, first: 20) {
      totalCount nodes { id title minPrice currency } pageInfo { hasNextPage endCursor }
      facets { categories { value count } sellers { value count } attributes { name values { value count } } priceBuckets { min max count } }
    }
  }`;
  const sorts = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RATING'];
  const searches: object[] = [];
  const add = (s: object, index: number) => searches.push({ s, sort: sorts[index % sorts.length] });
  COLORS.forEach((color, c) =>
    ITEMS.forEach((item, i) => {
      add({ text: `${color} ${item}` }, c + i);
      add({ text: `${item.slice(0, 3)}` }, c);
    }),
  );
  categoryIds.forEach((categoryId, c) =>
    [1000, 2500, 5000, 10000, 20000].forEach((maxPrice, p) => {
      add({ categoryId, currency: 'EUR', minPrice: maxPrice / 2, maxPrice }, c + p);
      MATERIALS.forEach((material, m) =>
        add({ categoryId, attributes: [{ name: 'material', values: [material] }] }, m),
      );
    }),
  );
  COLORS.forEach((first, a) =>
    COLORS.slice(a + 1).forEach((second, b) =>
      add({ attributes: [{ name: 'color', values: [first, second] }], inStock: (a + b) % 2 === 0 }, a + b),
    ),
  );
  for (let t = 0; t < TENANTS; t += 1) {
    const sellerId = benchTenant(t);
    add({ sellerId }, t);
    add({ sellerId, text: ITEMS[t % ITEMS.length]!.slice(0, 2) }, t + 1);
  }
  return searches.map((variables) => JSON.stringify({ query, variables }));
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run after eval "$(platform/stack/stack env)"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchRefused ? error.message : error);
  process.exitCode = 1;
});
