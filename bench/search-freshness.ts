/**
 * Write-to-searchable with OpenSearch as the search engine (ADRs 0041, 0050), in two streams against a catalog
 * service of the bench's own (SEARCH_ENGINE=opensearch, its own MongoDB database, index alias and indexer
 * group) holding BENCH_FRESHNESS_PRODUCTS published products of a few real sellers:
 *
 * 1. Through the catalog's real write path: product updates sent to its GraphQL API at BENCH_WRITES_PER_S for
 *    BENCH_WRITES_S seconds (paced open loop, at most BENCH_WRITES_IN_FLIGHT outstanding). Each is stored with
 *    its event in the product's outbox, published by the relay, bulk-indexed by the indexer. The rate the
 *    MongoDB stand-in accepts limits this stream; the achieved rate is printed.
 * 2. The indexer alone at the same rate: `product.updated` events of BENCH_KAFKA_PRODUCTS (2000) products (the
 *    seeded ones and copies of them under new ids), as the relay publishes them (built by the catalog's own
 *    event builder, state included, revisions above the stored ones), sent straight to Kafka in one send per
 *    10 ms; latency runs from each event's creation.
 *
 * Every write gives its product's title a word of its own. A write is searchable when a search of the index
 * the catalog reads finds its word: one watcher asks OpenSearch for all words still unseen every
 * BENCH_POLL_MS (50), and every 100th write of stream 1 is also searched through the catalog's own buyer
 * search, to show both agree. Stream 1's latency runs from the write's answer (stored).
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench search-freshness
 *
 * Stream 1 also reports the CPU the MongoDB server (the stack's FerretDB, shared with whatever else runs) used per
 * stored write. With BENCH_CPU_PROFILE=<label> the catalog is CPU-profiled and its MongoDB commands counted over
 * stream 1 (lib/profiling.ts): bench/results/profiles/search-freshness-<label>.md.
 *
 * Env: BENCH_WRITES_PER_S (200), BENCH_WRITES_S (15), BENCH_FRESHNESS_PRODUCTS (100), BENCH_FRESHNESS_SELLERS
 * (4), BENCH_WRITES_IN_FLIGHT (50), BENCH_POLL_MS (50), BENCH_CPU_PROFILE, BENCH_CATALOG_NODE_OPTIONS (more Node
 * options for the catalog), BENCH_LABEL (also keeps this run under `runs.<label>` of the results file, beside
 * earlier labelled runs: "before"/"after" compared in one sitting); catalog settings such as SEARCH_INDEXER_BATCH,
 * SEARCH_INDEXER_LINGER_MS or OPENSEARCH_REFRESH_INTERVAL pass through. Writes bench/results/search-freshness.json
 * (search-freshness-<rate>-per-s.json at another rate).
 */
import { productChangedEvent } from '@marketplace/catalog-service/src/products/product.events';
import type { ProductDocument } from '@marketplace/catalog-service/src/products/product.document';
import { KafkaSender } from '@marketplace/events';
import { createTestTenant, graphqlClient, offboardingTestEnv, type TestTenant } from '@marketplace/testing';
import { MongoClient } from 'mongodb';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { startChildService } from '../platform/e2e/src';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';
import { BenchRefused, writeResults } from './lib/load';
import { profilingFromEnv, startProfiles, stopProfiles } from './lib/profiling';

const WRITES_PER_S = Number(process.env.BENCH_WRITES_PER_S ?? 200);
const WRITES_S = Number(process.env.BENCH_WRITES_S ?? 15);
// Enough products that the stream's writes to one product rarely overlap (an overlapping update is refused
// as a concurrent change), and enough writes in flight to carry 200/s at a few hundred ms per answer.
const PRODUCTS = Number(process.env.BENCH_FRESHNESS_PRODUCTS ?? 100);
const SELLERS = Number(process.env.BENCH_FRESHNESS_SELLERS ?? 4);
const IN_FLIGHT = Number(process.env.BENCH_WRITES_IN_FLIGHT ?? 50);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 50);
const KAFKA_PRODUCTS = Number(process.env.BENCH_KAFKA_PRODUCTS ?? 2000);
/** A write not searchable after this long counts as this long (and is reported as missed). */
const GIVE_UP_MS = 60_000;

const UPDATE = `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }`;
const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishProduct(id: $id) { id } }`;
const SEARCH = `query($t: String) { products(search: { text: $t }) { totalCount } }`;

interface Write {
  word: string;
  productId: string;
  sentAt: number;
  storedAt?: number;
  searchableAt?: number;
}

async function main(): Promise<void> {
  const openSearchUrl = required('OPENSEARCH_URL').replace(/\/$/, '');
  const run = ulid().toLowerCase();
  const database = `catalog_freshness_${run}`;
  const alias = `catalog-freshness-${run}`;
  const passThrough = Object.fromEntries(
    ['SEARCH_INDEXER_BATCH', 'SEARCH_INDEXER_LINGER_MS', 'OPENSEARCH_REFRESH_INTERVAL'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]!]] : [],
    ),
  );
  const profiling = profilingFromEnv();
  const nodeOptions = [profiling?.env.NODE_OPTIONS, process.env.BENCH_CATALOG_NODE_OPTIONS].filter(Boolean);
  const catalog = await startChildService('tenant-services/catalog', {
    ...offboardingTestEnv('catalog'),
    LOG_LEVEL: 'warn',
    // The bench's sellers are token-made organizations no tenants service knows (as in the suites, ADR 0048).
    TENANT_STATUS_ASSUME_ACTIVE: 'true',
    MONGODB_DATABASE: database,
    TENANT_EVENTS_GROUP: `bench-freshness-${run}`,
    STOCK_EVENTS_GROUP: `bench-freshness-stock-${run}`,
    REVIEW_RATINGS_GROUP: `bench-freshness-reviews-${run}`,
    SEARCH_ENGINE: 'opensearch',
    OPENSEARCH_INDEX: alias,
    SEARCH_INDEXER_GROUP: `bench-freshness-indexer-${run}`,
    SEARCH_INDEXER_START: 'latest',
    ...passThrough,
    ...profiling?.env,
    ...(nodeOptions.length > 0 ? { NODE_OPTIONS: nodeOptions.join(' ') } : {}),
  });
  const mongo = await MongoClient.connect(required('MONGODB_URL'));
  try {
    const gql = graphqlClient(catalog.url);
    const sellers = await Promise.all(Array.from({ length: SELLERS }, () => createTestTenant()));
    const products = await seed(gql, sellers, run);
    console.log(`search-freshness: ${products.length} published products of ${SELLERS} sellers`);
    await waitUntilIndexed(openSearchUrl, alias, sellers, products.length);

    const baseline = await measureFastifyBaseline({ connections: 50 });
    printBaseline(baseline);

    const loadBefore = loadavg()[0]!;
    const mongoPid = mongoServerPid();
    const apiCpuBefore = cpuSeconds(catalog.child.pid);
    const mongoCpuBefore = cpuSeconds(mongoPid);
    if (profiling) startProfiles({ catalog: catalog.child.pid });
    const apiStream = await streamThroughApi(openSearchUrl, alias, catalog.url, products, run);
    // Everything the catalog did for the stream (API, write, relay, indexing) over the writes it stored.
    const perWrite = (seconds: number) => round((seconds * 1000) / Math.max(1, apiStream.stored));
    const catalogCpuMsPerWrite = perWrite(cpuSeconds(catalog.child.pid) - apiCpuBefore);
    const mongoServerCpuMsPerWrite = perWrite(cpuSeconds(mongoPid) - mongoCpuBefore);
    const loadAfterApi = loadavg()[0]!;
    if (profiling)
      await stopProfiles(
        profiling,
        'search-freshness',
        { catalog: catalog.child.pid },
        apiStream.stored,
        `Stream 1: ${apiStream.stored} product updates through the catalog's GraphQL API at ` +
          `${apiStream.achievedWritesPerSecond}/s (${WRITES_PER_S}/s offered), each stored with its event, ` +
          'published by the relay and bulk-indexed by the indexer; "per request" is per stored write.',
      );
    console.log(
      `stream 1: the catalog used ${catalogCpuMsPerWrite} ms CPU per stored write (API, write, relay, indexing); ` +
        `the MongoDB server ${mongoServerCpuMsPerWrite} ms (shared: includes anyone else's use meanwhile)`,
    );
    const throughApi = {
      ...apiStream,
      catalogCpuMsPerWrite,
      mongoServerCpuMsPerWrite,
      loadAverage1m: { before: round(loadBefore), after: round(loadAfterApi) },
    };
    const cpuBefore = cpuSeconds(catalog.child.pid);
    const direct = await streamToKafka(openSearchUrl, alias, mongo.db(database), products, run);
    const catalogCpuMsPerEvent = round(((cpuSeconds(catalog.child.pid) - cpuBefore) * 1000) / direct.sent);
    console.log(
      `stream 2: the catalog used ${catalogCpuMsPerEvent} ms CPU per event (indexing and its Kafka client)`,
    );
    const loadAfter = loadavg()[0]!;
    const figures = {
      baseline,
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
      },
      settings: {
        writesPerSecond: WRITES_PER_S,
        seconds: WRITES_S,
        products: products.length,
        sellers: SELLERS,
        maxInFlight: IN_FLIGHT,
        pollMs: POLL_MS,
        ...passThrough,
      },
      throughTheCatalogApi: throughApi,
      eventsStraightToKafka: { ...direct, catalogCpuMsPerEvent },
    };
    console.log(
      `  beside the same-run Fastify baseline: ${baseline.requestsPerSecond} req/s, p50 ${baseline.latencyMs.p50} ms, p99 ${baseline.latencyMs.p99} ms; ` +
        `load average ${figures.machine.loadAverage1m.before} → ${figures.machine.loadAverage1m.after} on ${cpus().length} CPUs`,
    );
    const name = WRITES_PER_S === 200 ? 'search-freshness' : `search-freshness-${WRITES_PER_S}-per-s`;
    await writeResults(name, await withLabelledRuns(name, figures));
  } finally {
    await catalog.stop();
    await fetch(`${openSearchUrl}/${alias}-*`, { method: 'DELETE' }).catch(() => undefined);
    await mongo.db(database).dropDatabase();
    await mongo.close();
  }
}

type Product = { id: string; title: string; seller: TestTenant };

/** Stream 1: updates through the catalog's GraphQL API; latency from each write's answer. */
async function streamThroughApi(
  openSearchUrl: string,
  alias: string,
  catalogUrl: string,
  products: Product[],
  run: string,
) {
  const gql = graphqlClient(catalogUrl);
  const writes: Write[] = [];
  const watcher = watchIndex(openSearchUrl, alias, writes);
  const viaCatalog: Promise<number>[] = [];
  let failed = 0;
  const failures: Record<string, number> = {};
  const outstanding = new Set<Promise<void>>();
  const started = Date.now();
  const end = started + WRITES_S * 1000;
  let total = 0;
  console.log(
    `stream 1: product updates at ${WRITES_PER_S}/s for ${WRITES_S} s through the catalog's GraphQL API…`,
  );
  // Paced; when the catalog falls behind, at most IN_FLIGHT wait and the rest is not sent (the achieved rate says so).
  for (let i = 0; ; i += 1) {
    const due = started + (i * 1000) / WRITES_PER_S;
    if (due >= end) break;
    if (due > Date.now()) await sleep(due - Date.now());
    while (outstanding.size >= IN_FLIGHT) await Promise.race(outstanding);
    if (Date.now() >= end) break;
    total += 1;
    const product = products[i % products.length]!;
    // The trailing letter keeps one word from being a prefix of another (x20q, x200q).
    const write: Write = { word: `fresh${run}x${i}q`, productId: product.id, sentAt: Date.now() };
    const sample = i % 100 === 0;
    const sent = gql<{ updateProduct: { id: string } }>(
      UPDATE,
      { id: product.id, input: { title: `${write.word} ${product.title}` } },
      product.seller.owner.token,
    ).then((answer) => {
      if (answer.errors || !answer.data) {
        failed += 1;
        const reason = answer.errors?.[0]?.message ?? 'no data';
        failures[reason] = (failures[reason] ?? 0) + 1;
        return;
      }
      write.storedAt = Date.now();
      writes.push(write);
      if (sample) viaCatalog.push(searchableThroughCatalog(catalogUrl, write));
    });
    const tracked: Promise<void> = sent.finally(() => outstanding.delete(tracked));
    outstanding.add(tracked);
  }
  await Promise.all(outstanding);
  const writeSeconds = (Date.now() - started) / 1000;
  await watcher.settled();
  const catalogSamples = await Promise.all(viaCatalog);
  const latencies = writes
    .map((write) => (write.searchableAt ?? write.storedAt! + GIVE_UP_MS) - write.storedAt!)
    .sort((a, b) => a - b);
  const answerMs = writes.map((write) => write.storedAt! - write.sentAt).sort((a, b) => a - b);
  const figures = {
    sent: total,
    stored: writes.length,
    failed,
    failures,
    achievedWritesPerSecond: round(writes.length / writeSeconds),
    writeAnswerMs: percentiles(answerMs),
    writeToSearchableMs: {
      ...percentiles(latencies),
      missed: writes.filter((write) => write.searchableAt === undefined).length,
    },
    throughCatalogSearchMs: percentiles(catalogSamples.sort((a, b) => a - b)),
  };
  console.log(
    `stream 1: ${figures.stored} stored of ${total} sent (${failed} failed) at ${figures.achievedWritesPerSecond}/s; ` +
      `answer p50 ${figures.writeAnswerMs.p50} ms, p99 ${figures.writeAnswerMs.p99} ms`,
  );
  console.log(
    `stream 1 write-to-searchable (answer → found in the index): p50 ${figures.writeToSearchableMs.p50} ms, ` +
      `p95 ${figures.writeToSearchableMs.p95} ms, p99 ${figures.writeToSearchableMs.p99} ms, max ${figures.writeToSearchableMs.max} ms, ` +
      `${figures.writeToSearchableMs.missed} missed; through the catalog's buyer search (${catalogSamples.length} samples): ` +
      `p50 ${figures.throughCatalogSearchMs.p50} ms, p99 ${figures.throughCatalogSearchMs.p99} ms`,
  );
  return figures;
}

/**
 * Stream 2: the indexer alone. Each product's stored document with a new title and a revision above anything
 * stored, made into the `product.updated` event the catalog would stage (state included), sent to Kafka as
 * the relay sends it; latency from each send.
 */
async function streamToKafka(
  openSearchUrl: string,
  alias: string,
  db: import('mongodb').Db,
  products: Product[],
  run: string,
) {
  const stored = new Map(
    (
      await db
        .collection<ProductDocument>('products')
        .find({ _id: { $in: products.map((product) => product.id) } }, { projection: { pendingEvents: 0 } })
        .toArray()
    ).map((doc) => [doc._id, doc]),
  );
  // Many products, as a marketplace's writes are spread: one product's events are indexed one after the other.
  const streamProducts = Array.from({ length: KAFKA_PRODUCTS }, (_, k) => {
    const product = products[k % products.length]!;
    return {
      id: k < products.length ? product.id : ulid(),
      title: product.title,
      doc: stored.get(product.id)!,
    };
  });
  const kafka = new KafkaSender({
    brokers: required('KAFKA_BROKERS').split(','),
    clientId: `bench-freshness-${run}`,
  });
  const writes: Write[] = [];
  const watcher = watchIndex(openSearchUrl, alias, writes);
  const total = WRITES_PER_S * WRITES_S;
  const started = Date.now();
  console.log(`stream 2: ${total} product.updated events at ${WRITES_PER_S}/s straight to Kafka…`);
  try {
    // Every 10 ms, the events due by then in one send, as the relay sends what it found in one pass.
    for (let i = 0; i < total;) {
      const batch: {
        write: Write;
        message: { topic: string; key: string; value: string; headers: object };
      }[] = [];
      for (; i < total && started + (i * 1000) / WRITES_PER_S <= Date.now(); i += 1) {
        const { id, title, doc } = streamProducts[i % streamProducts.length]!;
        const word = `kafka${run}x${i}q`;
        const event = productChangedEvent('updated', {
          ...doc,
          _id: id,
          slug: `${doc.slug}-${id.toLowerCase()}`,
          title: `${word} ${title}`,
          rev: 1_000_000 + i,
          updatedAt: new Date(),
        });
        batch.push({
          write: { word, productId: id, sentAt: Date.now() },
          message: {
            topic: event.topic,
            key: id,
            value: JSON.stringify(event.envelope),
            headers: {},
          },
        });
      }
      if (batch.length > 0) {
        await kafka.send(batch.map((entry) => entry.message) as Parameters<KafkaSender['send']>[0]);
        for (const { write } of batch) writes.push(write);
      }
      await sleep(10);
    }
  } finally {
    await kafka.close();
  }
  const sendSeconds = (Date.now() - started) / 1000;
  await watcher.settled();
  const latencies = writes
    .map((write) => (write.searchableAt ?? write.sentAt + GIVE_UP_MS) - write.sentAt)
    .sort((a, b) => a - b);
  const figures = {
    sent: writes.length,
    achievedEventsPerSecond: round(writes.length / sendSeconds),
    sendToSearchableMs: {
      ...percentiles(latencies),
      missed: writes.filter((write) => write.searchableAt === undefined).length,
    },
  };
  console.log(
    `stream 2: ${figures.sent} events at ${figures.achievedEventsPerSecond}/s; send → found in the index: ` +
      `p50 ${figures.sendToSearchableMs.p50} ms, p95 ${figures.sendToSearchableMs.p95} ms, ` +
      `p99 ${figures.sendToSearchableMs.p99} ms, max ${figures.sendToSearchableMs.max} ms, ${figures.sendToSearchableMs.missed} missed`,
  );
  return figures;
}

/** Published products spread over the sellers, created through the API a few at a time. */
async function seed(
  gql: ReturnType<typeof graphqlClient>,
  sellers: TestTenant[],
  run: string,
): Promise<Product[]> {
  const products: Product[] = [];
  const create = async (n: number) => {
    const seller = sellers[n % sellers.length]!;
    const title = `Bench lamp ${n}`;
    const created = await gql<{ createProduct: { id: string } }>(
      CREATE,
      {
        input: {
          title,
          description: 'A lamp for the freshness bench',
          currency: 'EUR',
          attributes: [{ name: 'color', value: 'white' }],
          variants: [{ sku: `FRESH-${run}-${n}`, priceMinor: 1000 + n }],
        },
      },
      seller.owner.token,
    );
    if (!created.data) throw new BenchRefused(`Seeding failed: ${JSON.stringify(created.errors)}`);
    const id = created.data.createProduct.id;
    const published = await gql(PUBLISH, { id }, seller.owner.token);
    if (published.errors) throw new BenchRefused(`Publishing failed: ${JSON.stringify(published.errors)}`);
    products.push({ id, title, seller });
  };
  for (let n = 0; n < PRODUCTS; n += 8) {
    await Promise.all(Array.from({ length: Math.min(8, PRODUCTS - n) }, (_, k) => create(n + k)));
  }
  return products;
}

async function waitUntilIndexed(
  openSearchUrl: string,
  alias: string,
  sellers: TestTenant[],
  count: number,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const answer = await fetch(`${openSearchUrl}/${alias}/_count`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Only the bench's sellers: the indexer also takes other catalogs' product events from the shared topic.
      body: JSON.stringify({
        query: {
          bool: {
            filter: [
              { term: { visible: true } },
              { terms: { tenantId: sellers.map((seller) => seller.tenantId) } },
            ],
          },
        },
      }),
    }).then((response) => response.json() as Promise<{ count?: number }>);
    if (answer.count === count) return;
    if (Date.now() > deadline)
      throw new BenchRefused(`Only ${answer.count ?? 0} of ${count} seeded products got indexed`);
    await sleep(500);
  }
}

/**
 * Every POLL_MS, one search of the catalog's index (the alias buyer search reads) for all words not yet seen:
 * each hit's title tokens say which of them it holds now. A word overwritten by its product's next write
 * before any poll saw it counts as found when the newer one is.
 */
function watchIndex(openSearchUrl: string, alias: string, writes: Write[]): { settled(): Promise<void> } {
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const waiting = writes.filter((write) => write.searchableAt === undefined);
      if (waiting.length > 0) {
        const answer = await fetch(`${openSearchUrl}/${alias}/_search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            size: waiting.length,
            _source: ['titleTokens'],
            query: {
              bool: {
                filter: [{ term: { visible: true } }, { terms: { tokens: waiting.map((w) => w.word) } }],
              },
            },
          }),
        })
          .then(
            (response) =>
              response.json() as Promise<{
                hits?: { hits: { _id: string; _source: { titleTokens: string[] } }[] };
              }>,
          )
          .catch(() => undefined);
        const now = Date.now();
        const found = new Map<string, Set<string>>();
        for (const hit of answer?.hits?.hits ?? []) found.set(hit._id, new Set(hit._source.titleTokens));
        const newestFound = new Map<string, number>();
        waiting.forEach((write, i) => {
          if (found.get(write.productId)?.has(write.word)) {
            write.searchableAt = now;
            newestFound.set(write.productId, Math.max(newestFound.get(write.productId) ?? -1, i));
          }
        });
        waiting.forEach((write, i) => {
          if (write.searchableAt === undefined && (newestFound.get(write.productId) ?? -1) > i)
            write.searchableAt = now;
        });
      }
      await sleep(POLL_MS);
    }
  })();
  return {
    /** Once every write is found (or GIVE_UP_MS passed), stops watching. */
    settled: async () => {
      const deadline = Date.now() + GIVE_UP_MS;
      while (writes.some((write) => write.searchableAt === undefined) && Date.now() < deadline)
        await sleep(100);
      stopped = true;
    },
  };
}

/** Searches the catalog's buyer search for the write's word every 25 ms until found: ms after the answer. */
async function searchableThroughCatalog(catalogUrl: string, write: Write): Promise<number> {
  const gql = graphqlClient(catalogUrl);
  for (;;) {
    const answer = await gql<{ products: { totalCount: number } }>(SEARCH, { t: write.word });
    if (answer.data?.products.totalCount === 1) return Date.now() - write.storedAt!;
    if (Date.now() - write.storedAt! > GIVE_UP_MS) return GIVE_UP_MS;
    await sleep(25);
  }
}

function percentiles(sorted: number[]) {
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN, samples: sorted.length };
}

/**
 * The figures, plus the labelled runs the results file already holds (`runs`) and this one under BENCH_LABEL,
 * and an earlier `before` entry kept as it is.
 */
async function withLabelledRuns(name: string, figures: object): Promise<object> {
  const previous = await readFile(join(__dirname, 'results', `${name}.json`), 'utf8')
    .then((text) => JSON.parse(text) as { runs?: Record<string, unknown>; before?: unknown })
    .catch(() => ({}) as { runs?: Record<string, unknown>; before?: unknown });
  const label = process.env.BENCH_LABEL;
  const runs = { ...previous.runs, ...(label ? { [label]: figures } : {}) };
  return {
    ...figures,
    ...(previous.before !== undefined ? { before: previous.before } : {}),
    ...(Object.keys(runs).length > 0 ? { runs } : {}),
  };
}

/** The stack's MongoDB server process (FerretDB here), when this machine runs it: its pid file under STACK_HOME. */
function mongoServerPid(): number | undefined {
  const file = process.env.STACK_HOME ? join(process.env.STACK_HOME, 'run', 'mongodb.pid') : '';
  if (!file || !existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && existsSync(`/proc/${pid}/stat`) ? pid : undefined;
}

/** User + system CPU seconds the process has used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new BenchRefused(`${name} is not set: run after eval "$(platform/stack/stack env)"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchRefused ? error.message : error);
  process.exitCode = 1;
});
