/**
 * Catalog search under load: seeds 100 tenants × 1,000 published products (bulk insert through the catalog's
 * own document builder and repository, skipped when already there), then fires buyer searches with filters
 * and facets at 50 concurrent connections for ~20 s and records latency percentiles and throughput.
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench catalog-search
 *
 * Env: CATALOG_SEARCH_URL (default the gateway http://127.0.0.1:4000/graphql if it answers, else the catalog
 * service http://127.0.0.1:4102/graphql), MONGODB_URL, MONGODB_DATABASE (default catalog — the database the
 * service under test reads), BENCH_TENANTS, BENCH_PRODUCTS_PER_TENANT, BENCH_DURATION_S, BENCH_CONNECTIONS,
 * BENCH_KEEP_DATA=1 (otherwise the bench products are deleted after the run).
 */
import autocannon from 'autocannon';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectMongo } from '@marketplace/service-kit';
import { runWithContext } from '@marketplace/tenancy';
import { CategoriesService } from '@marketplace/catalog-service/src/categories/categories.service';
import { CatalogDatabase } from '@marketplace/catalog-service/src/database/catalog-database';
import { createProductSchema } from '@marketplace/catalog-service/src/products/product.inputs';
import { ProductsRepository } from '@marketplace/catalog-service/src/products/products.repository';
import { ProductsService } from '@marketplace/catalog-service/src/products/products.service';
import { TenantStatusService } from '@marketplace/catalog-service/src/tenants/tenant-status.service';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const PER_TENANT = Number(process.env.BENCH_PRODUCTS_PER_TENANT ?? 1000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey', 'navy', 'olive'];
const ITEMS = ['shirt', 'jacket', 'lamp', 'mug', 'chair', 'rug', 'scarf', 'boot', 'vase', 'table'];
const MATERIALS = ['cotton', 'wool', 'linen', 'oak', 'steel', 'ceramic'];

async function main(): Promise<void> {
  const mongo = await connectMongo({
    url: required('MONGODB_URL'),
    database: process.env.MONGODB_DATABASE ?? 'catalog',
  });
  const database = new CatalogDatabase(mongo.db);
  await database.ensureIndexes();
  const categories = new CategoriesService(database);
  const categoryIds = await benchCategories(database, categories);
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
  const products = new ProductsService(new ProductsRepository(database), cachedCategories, activeTenants);
  const seeding = await seedProducts(database, products, categoryIds);

  const url = await targetUrl();
  const bodies = searchBodies(categoryIds);
  console.log(
    `catalog-search: ${seeding.total} bench products (${seeding.inserted} inserted in ${seeding.seconds} s); load on ${url}`,
  );
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    // Facets scan the whole result set on FerretDB: slow answers are measured rather than cut off at 10 s.
    timeout: 60,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: bodies[Math.floor(Math.random() * bodies.length)] }),
      },
    ],
  });
  const figures = {
    measuredAt: new Date().toISOString(),
    url,
    dataset: { tenants: TENANTS, productsPerTenant: PER_TENANT, productsInDatabase: seeding.total },
    load: { connections: CONNECTIONS, durationSeconds: DURATION_S, queryShapes: bodies.length },
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    requestsPerSecond: { average: result.requests.average, p50: result.requests.p50 },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  console.log(JSON.stringify(figures, null, 2));
  if (process.env.BENCH_KEEP_DATA !== '1') {
    // The service under test reads the demo database: leave it as the demo had it.
    await database.rawProducts.deleteMany({ tenantId: { $regex: '^bench-tenant-' } });
  }
  await mongo.close();
  const folder = join(__dirname, 'results');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'catalog-search.json'), `${JSON.stringify(figures, null, 2)}\n`);
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

/** Inserts what is missing per bench tenant (`bench-tenant-<n>`), 1,000 documents per insertMany. */
async function seedProducts(database: CatalogDatabase, products: ProductsService, categoryIds: string[]) {
  const started = Date.now();
  let inserted = 0;
  const repository = new ProductsRepository(database);
  for (let t = 0; t < TENANTS; t += 1) {
    const tenantId = `bench-tenant-${String(t).padStart(3, '0')}`;
    await runWithContext({ tenantId, userId: 'bench' }, async () => {
      const existing = await database.products.countDocuments({});
      if (existing >= PER_TENANT) return;
      const docs = [];
      for (let p = existing; p < PER_TENANT; p += 1) {
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
        const publishedAt = new Date(Date.now() - (PER_TENANT - p) * 1000);
        docs.push({
          ...doc,
          status: 'published' as const,
          publishedAt,
          inStock: p % 10 !== 0,
          ratingAvg: (p % 50) / 10,
          hasPendingEvents: false,
        });
      }
      // Bench data bypasses SKU reservation and events: it only exists to be searched.
      await repository.insertMany(docs);
      inserted += docs.length;
    });
  }
  const total = await database.rawProducts.countDocuments({ tenantId: { $regex: '^bench-tenant-' } });
  return { inserted, total, seconds: Math.round((Date.now() - started) / 1000) };
}

function searchBodies(categoryIds: string[]): string[] {
  const query = `query($s: ProductSearchInput, $sort: ProductSort) {
    products(search: $s, sort: $sort, first: 20) {
      totalCount edges { cursor node { id title minPrice currency } } pageInfo { hasNextPage endCursor }
      facets { categories { value count } sellers { value count } attributes { name values { value count } } priceBuckets { min max count } }
    }
  }`;
  const searches = [
    { s: { text: 'wool scarf' }, sort: 'RELEVANCE' },
    { s: { categoryId: categoryIds[0], currency: 'EUR', minPrice: 1000, maxPrice: 9000 }, sort: 'PRICE_ASC' },
    { s: { attributes: [{ name: 'color', values: ['red', 'blue'] }], inStock: true }, sort: 'NEWEST' },
    { s: { sellerId: 'bench-tenant-007', text: 'lam' }, sort: 'RELEVANCE' },
    {
      s: { categoryId: categoryIds[2], attributes: [{ name: 'material', values: ['oak'] }] },
      sort: 'RATING',
    },
    { s: { currency: 'EUR', maxPrice: 5000 }, sort: 'PRICE_DESC' },
  ];
  return searches.map((variables) => JSON.stringify({ query, variables }));
}

async function targetUrl(): Promise<string> {
  if (process.env.CATALOG_SEARCH_URL) return process.env.CATALOG_SEARCH_URL;
  const gateway = 'http://127.0.0.1:4000/graphql';
  try {
    const response = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(2000),
    });
    if (response.ok) return gateway;
  } catch {
    // No gateway running: measure the service directly.
  }
  return 'http://127.0.0.1:4102/graphql';
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run after eval "$(platform/stack/stack env)"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
