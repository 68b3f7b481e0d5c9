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
 * (1000), BENCH_DURATION_S (20), BENCH_CONNECTIONS (50), BENCH_KEEP_DATA=1 (keep the bench database),
 * BENCH_CPU_PROFILE (a label: CPU-profile the catalog and gateway over the run with the response cache off,
 * summary in bench/results/profiles/, lib/profiling.ts).
 *
 * BENCH_SEARCH_ENGINE=opensearch (`pnpm --dir bench catalog-search-opensearch`, ADRs 0041, 0050) is the bench at
 * scale: SEARCH_BENCH_PRODUCTS (100000) products over one tenant per 1,000 seeded straight into OpenSearch (bulk,
 * alias `catalog-bench`; MongoDB holds only the categories), the catalog started with SEARCH_ENGINE=opensearch
 * (its start time and RSS recorded before the load), then the same searches. The node is OPENSEARCH_URL's
 * (the stack's, 512 MB heap) unless SEARCH_BENCH_OPENSEARCH_HEAP is set (e.g. 2g for 1,000,000 products): then
 * the bench starts a node of its own with that heap on a free port and removes it afterwards, leaving the
 * shared node alone. Figures go to bench/results/catalog-search-opensearch-<N/1000>k.json. Write-to-searchable
 * is measured by `pnpm --dir bench search-freshness`.
 */
import { connectMongo } from '@marketplace/service-kit';
import { runWithContext } from '@marketplace/tenancy';
import { ulid } from 'ulid';
import { CategoriesService } from '@marketplace/catalog-service/src/categories/categories.service';
import { CatalogDatabase } from '@marketplace/catalog-service/src/database/catalog-database';
import { createProductSchema } from '@marketplace/catalog-service/src/products/product.inputs';
import type { ProductDocument } from '@marketplace/catalog-service/src/products/product.document';
import type { ProductsService } from '@marketplace/catalog-service/src/products/products.service';
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
import { benchCategories, documentBuilder } from './lib/catalog-documents';
import {
  describePeakMemory,
  memorySampling,
  nodeOptionsWithPreloads,
  peakMemoryOf,
  removeMemorySamples,
} from './lib/memory';
import { profilingFromEnv } from './lib/profiling';
import { startChildService, type ChildService } from '../platform/e2e/src';
import { toSearchDocument } from '@marketplace/catalog-service/src/search/opensearch/product-search-document';
import { ProductSearchStore } from '@marketplace/catalog-service/src/search/opensearch/product-search-store';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../platform/e2e/src';
import { pidListeningOn } from './lib/load';

const DATABASE = process.env.BENCH_MONGODB_DATABASE ?? 'catalog_bench';
const ENGINE = process.env.BENCH_SEARCH_ENGINE === 'opensearch' ? 'opensearch' : 'memory';
const SCALE_PRODUCTS = Number(process.env.SEARCH_BENCH_PRODUCTS ?? 100_000);
const TENANTS =
  ENGINE === 'opensearch' ? Math.ceil(SCALE_PRODUCTS / 1000) : Number(process.env.BENCH_TENANTS ?? 100);
const PER_TENANT =
  ENGINE === 'opensearch'
    ? Math.min(1000, SCALE_PRODUCTS)
    : Number(process.env.BENCH_PRODUCTS_PER_TENANT ?? 1000);
const PRIVATE_HEAP = process.env.SEARCH_BENCH_OPENSEARCH_HEAP;
const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 20), 120);
const CONNECTIONS = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 50), 500);
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey', 'navy', 'olive'];
const ITEMS = ['shirt', 'jacket', 'lamp', 'mug', 'chair', 'rug', 'scarf', 'boot', 'vase', 'table'];
const MATERIALS = ['cotton', 'wool', 'linen', 'oak', 'steel', 'ceramic'];
const OPENSEARCH_ALIAS = 'catalog-bench';

async function main(): Promise<void> {
  const loadBefore = round1(loadavg()[0]!);
  const mongo = await connectMongo({ url: required('MONGODB_URL'), database: DATABASE });
  const database = new CatalogDatabase(mongo.db);
  const started: ChildService[] = [];
  const node = ENGINE === 'opensearch' && PRIVATE_HEAP ? await startPrivateNode(PRIVATE_HEAP) : undefined;
  const openSearchUrl = node?.url ?? process.env.OPENSEARCH_URL;
  // The catalog and gateways sample their memory: each peak RSS comes with its heap / external / other breakdown.
  const memory = memorySampling();
  // BENCH_CPU_PROFILE: the catalog and the gateways also answer the profiler (lib/profiling.ts).
  const profiling = profilingFromEnv();
  const sampled = {
    ...profiling?.env,
    ...memory.env,
    NODE_OPTIONS: nodeOptionsWithPreloads([...(profiling ? [profiling.preload] : []), memory.preload]),
  };
  // The in-memory index holds every product (about 500 MB of heap at 100,000): more old generation than
  // SERVICE_NODE_OPTIONS gives a service (ADR 0062); the later flag wins.
  const catalogNodeOptions =
    ENGINE === 'memory' ? `${sampled.NODE_OPTIONS} --max-old-space-size=4096` : sampled.NODE_OPTIONS;
  try {
    await database.ensureIndexes();
    const categories = new CategoriesService(database);
    const categoryIds = await benchCategories(database, categories);
    const store =
      ENGINE === 'opensearch'
        ? new ProductSearchStore({
            url: openSearchUrl ?? required('OPENSEARCH_URL'),
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
        ...sampled,
        NODE_OPTIONS: catalogNodeOptions,
        LOG_LEVEL: 'warn',
        MONGODB_DATABASE: DATABASE,
        TENANT_EVENTS_GROUP: `bench-catalog-${ulid()}`,
        STOCK_EVENTS_GROUP: `bench-catalog-stock-${ulid()}`,
        SEARCH_ENGINE: ENGINE,
        ...(store
          ? {
              OPENSEARCH_URL: openSearchUrl!,
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
    const catalogRssMiB = rssMiB(catalog.child.pid);
    const catalogMemory = peakMemoryOf(memory, { catalog: catalog.child.pid });
    console.log(`catalog ready on ${catalog.url} after ${indexSeconds} s, RSS ${catalogRssMiB} MiB`);
    for (const line of describePeakMemory(catalogMemory)) console.log(`  at start, ${line}`);
    const bodies = searchBodies(categoryIds);
    const baseline = await measureFastifyBaseline({ connections: CONNECTIONS });
    printBaseline(baseline);
    const runs: Record<string, LoadFigures> = {};
    for (const mode of GATEWAY_MODES) {
      // NODE_ENV=test as the live-events bench does: the production guards refuse the loopback addresses of a
      // gateway started beside the local stack.
      const gateway = await startBenchGateway(`catalog=${catalog.url}`, {
        NODE_ENV: 'test',
        ...sampled,
        ...mode.env,
      });
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
          memory,
          // The profile is of the run that shows the engine: the response cache off.
          ...(profiling && mode.name === 'response cache off'
            ? {
                profile: {
                  profiling,
                  bench: store ? 'catalog-search-opensearch' : 'catalog-search',
                  context: `searches with facets over ${seeding.total} products, ${mode.name}, c=${CONNECTIONS}, ${DURATION_S} s`,
                  processes: { gateway: gateway.child.pid, catalog: catalog.child.pid },
                },
              }
            : {}),
          processes: {
            gateway: gateway.child.pid,
            catalog: catalog.child.pid,
            ...(openSearchUrl && store ? { opensearch: pidListeningOn(new URL(openSearchUrl).port) } : {}),
          },
        });
        printFigures(`catalog search through the gateway, ${mode.name}:`, runs[mode.name]!, baseline);
      } finally {
        await gateway.stop();
      }
    }
    await writeResults(store ? `catalog-search-opensearch-${scaleName(seeding.total)}` : 'catalog-search', {
      baseline,
      engine: ENGINE,
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        // What else ran on the machine shows in these (each run also records its own load average).
        loadAverage1m: { beforeSeeding: loadBefore, atEnd: round1(loadavg()[0]!) },
      },
      ...(store
        ? {
            openSearch: node
              ? { node: 'private to the bench', heap: PRIVATE_HEAP, peakRssMiB: node.peakRssMiB() }
              : { node: "the local stack's (OPENSEARCH_URL)", heap: '512m' },
          }
        : {}),
      gateway: 'started by the bench (rate limiter on, anonymous limit raised)',
      dataset: {
        tenants: TENANTS,
        productsPerTenant: PER_TENANT,
        products: seeding.total,
        seedSeconds: seeding.seconds,
        catalogStartSeconds: indexSeconds,
        catalogRssMiBAfterStart: catalogRssMiB,
        ...(catalogMemory.catalog ? { catalogMemoryMiBAtStart: catalogMemory.catalog } : {}),
      },
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      distinctSearches: bodies.length,
      runs,
    });
  } finally {
    for (const service of started) await service.stop();
    removeMemorySamples(memory);
    node?.stop();
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
  let writing: Promise<unknown> = Promise.resolve();
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = benchTenant(t);
    const docs = await runWithContext({ tenantId, userId: 'bench' }, async () => {
      const built: ProductDocument[] = [];
      for (let p = 0; p < PER_TENANT; p += 1) built.push(await benchProduct(products, t, p, categoryIds));
      return built;
    });
    // One bulk request in flight while the next tenant's documents are built.
    await writing;
    writing = store.write(
      docs.map((doc) => ({ doc: toSearchDocument(doc), version: doc.rev })),
      [index],
    );
    inserted += docs.length;
    if ((t + 1) % Math.max(10, Math.round(TENANTS / 20)) === 0)
      console.log(
        `seeding OpenSearch: ${inserted} of ${wanted} products (${Math.round((Date.now() - started) / 1000)} s)`,
      );
  }
  await writing;
  await store.request('PUT', `/${index}/_settings`, { index: { refresh_interval: '1s' } });
  await store.request('POST', `/${index}/_refresh`);
  await store.request('POST', '/_aliases', { actions: [{ add: { index, alias: OPENSEARCH_ALIAS } }] });
  return { inserted, total: inserted, seconds: Math.round((Date.now() - started) / 1000) };
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

/** 100000 -> "100k", 1000000 -> "1000k": the results file of a dataset size. */
function scaleName(products: number): string {
  return `${Math.round(products / 1000)}k`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

/**
 * An OpenSearch node of the bench's own (the stack's script, a temporary data folder, a free port) with the
 * given maximum heap: 1,000,000 products need more than the shared node's 512 MB, and a bench must not
 * disturb the node other suites use. Its peak RSS is sampled every 5 s.
 */
async function startPrivateNode(heap: string): Promise<{ url: string; stop(): void; peakRssMiB(): number }> {
  const home = mkdtempSync(join(tmpdir(), 'search-bench-opensearch-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const stackRoot = join(__dirname, '..', 'platform', 'stack');
  execFileSync(
    'bash',
    [
      '-c',
      '. lib/common.sh && . lib/env.sh && . servers/opensearch.sh && opensearch_install && opensearch_start && opensearch_wait',
    ],
    {
      cwd: stackRoot,
      env: { ...process.env, STACK_HOME: home, OPENSEARCH_URL: url, OPENSEARCH_HEAP: heap },
      stdio: 'inherit',
    },
  );
  console.log(`private OpenSearch node on ${url} (heap ${heap}, data in ${home})`);
  let peak = 0;
  const sampler = setInterval(() => {
    const pid = pidListeningOn(String(port));
    peak = Math.max(peak, rssMiB(pid) ?? 0);
  }, 5000);
  return {
    url,
    peakRssMiB: () => peak,
    stop: () => {
      clearInterval(sampler);
      try {
        const pid = Number(readFileSync(join(home, 'run', 'opensearch.pid'), 'utf8'));
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
