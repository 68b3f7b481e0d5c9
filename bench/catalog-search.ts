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

const DATABASE = process.env.BENCH_MONGODB_DATABASE ?? 'catalog_bench';
const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const PER_TENANT = Number(process.env.BENCH_PRODUCTS_PER_TENANT ?? 1000);
const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 20), 120);
const CONNECTIONS = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 50), 500);
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey', 'navy', 'olive'];
const ITEMS = ['shirt', 'jacket', 'lamp', 'mug', 'chair', 'rug', 'scarf', 'boot', 'vase', 'table'];
const MATERIALS = ['cotton', 'wool', 'linen', 'oak', 'steel', 'ceramic'];

async function main(): Promise<void> {
  const mongo = await connectMongo({ url: required('MONGODB_URL'), database: DATABASE });
  const database = new CatalogDatabase(mongo.db);
  const started: ChildService[] = [];
  try {
    await database.ensureIndexes();
    const categories = new CategoriesService(database);
    const categoryIds = await benchCategories(database, categories);
    const seeding = await seedProducts(database, categories, categoryIds);
    console.log(
      `catalog-search: ${seeding.total} bench products in ${DATABASE} (${seeding.inserted} inserted in ${seeding.seconds} s)`,
    );

    const indexStarted = Date.now();
    const progress = setInterval(
      () =>
        console.log(
          `waiting for the catalog to build its search index (${Math.round((Date.now() - indexStarted) / 1000)} s)`,
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
      const gateway = await startBenchGateway(`catalog=${catalog.url}`, mode.env);
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
    await writeResults('catalog-search', {
      baseline,
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

  // Lookups the document builder makes per product are answered from memory: bench tenants are all active.
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
  const products = new ProductsService(new ProductsRepository(database), cachedCategories, activeTenants, noMedia);
  let inserted = 0;
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = `bench-tenant-${String(t).padStart(3, '0')}`;
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
    const sellerId = `bench-tenant-${String(t).padStart(3, '0')}`;
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
