import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@marketplace/e2e';
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  PUBLISH_PRODUCT,
  productInput,
  waitFor,
  type CreatedProduct,
} from './support';

/**
 * OpenSearch killed under the catalog (ADR 0041): buyer search answers 503 with a clear message, seller writes
 * and everything else keep working, and after a restart the indexer catches up from Kafka without a rebuild.
 * The node is this suite's own (a separate data folder and port, started by the stack's own script), so
 * killing it disturbs no other suite.
 */
const STACK_ROOT = join(__dirname, '..', '..', '..', 'platform', 'stack');
const home = mkdtempSync(join(tmpdir(), 'catalog-search-outage-'));
let url: string;
let harness: CatalogHarness;
let seller: TestTenant;

/** Runs functions of platform/stack/servers/opensearch.sh against this suite's node. */
function node(commands: string): void {
  execFileSync('bash', ['-c', `. lib/common.sh && . lib/env.sh && . servers/opensearch.sh && ${commands}`], {
    cwd: STACK_ROOT,
    env: { ...process.env, STACK_HOME: home, OPENSEARCH_URL: url },
    stdio: 'inherit',
  });
}

function kill(): void {
  const pid = Number(readFileSync(join(home, 'run', 'opensearch.pid'), 'utf8'));
  process.kill(-pid, 'SIGKILL');
}

const SEARCH = `query($text: String) { products(search: { text: $text }) { totalCount nodes { id } } }`;

async function searchIds(text: string): Promise<string[] | undefined> {
  const answer = await harness.gql<{ products: { nodes: { id: string }[] } }>(SEARCH, { text });
  return answer.errors ? undefined : answer.data!.products.nodes.map((node) => node.id);
}

async function createPublished(title: string): Promise<string> {
  const created = (
    await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ title }) },
      seller.owner.token,
    )
  ).createProduct;
  await harness.ok(PUBLISH_PRODUCT, { id: created.id }, seller.owner.token);
  return created.id;
}

beforeAll(async () => {
  url = `http://127.0.0.1:${await freePort()}`;
  node('opensearch_install && opensearch_start && opensearch_wait');
  harness = new CatalogHarness(undefined, {
    SEARCH_ENGINE: 'opensearch',
    OPENSEARCH_URL: url,
    OPENSEARCH_INDEX: `catalog-outage-${ulid().toLowerCase()}`,
    SEARCH_INDEXER_GROUP: `catalog-test-indexer-${ulid()}`,
    SEARCH_INDEXER_START: 'latest',
  });
  await harness.start();
  seller = await createTestTenant();
}, 180_000);

afterAll(async () => {
  await harness?.stop();
  try {
    kill();
  } catch {
    // Already gone.
  }
  rmSync(home, { recursive: true, force: true });
});

describe('catalog search while OpenSearch is killed and restarted', () => {
  it('answers 503 for search only, keeps seller writes and products by key working, and catches up after the restart', async () => {
    const word = `outage${ulid().toLowerCase()}`;
    const before = await createPublished(`${word} lamp`);
    await waitFor('the first product to be searchable', async () =>
      (await searchIds(word))?.includes(before) ? true : undefined,
    );

    kill();

    const refused = await harness.gql(SEARCH, { text: word });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Product search is temporarily unavailable; please try again shortly',
      extensions: { status: 503 },
    });
    // Sellers keep working: products are stored and their events wait in Kafka for the indexer.
    const during = await createPublished(`${word} chair`);
    const mine = await harness.ok<{ myProduct: { id: string; status: string } }>(
      'query($id: ID!) { myProduct(id: $id) { id status } }',
      { id: during },
      seller.owner.token,
    );
    expect(mine.myProduct).toEqual({ id: during, status: 'PUBLISHED' });
    // Buyers (and the cart pricing its lines) read one product by key from MongoDB: published during the
    // outage, not indexed yet, it is for sale at once.
    const byKey = await harness.ok<{ product: { id: string; status: string } | null }>(
      'query($id: ID!) { product(id: $id) { id status } }',
      { id: during },
    );
    expect(byKey.product).toEqual({ id: during, status: 'PUBLISHED' });
    const live = await fetch(`${harness.base}/health/live`);
    expect(live.status).toBe(200);

    // Readiness reports buyer search degraded once the outage lasted (never 503: the catalog keeps serving),
    // and /metrics shows the write waiting for the indexer and its age.
    const degraded = await waitFor(
      'readiness to report buyer search degraded',
      async () => {
        const ready = await fetch(`${harness.base}/health/ready`);
        const body = (await ready.json()) as {
          status: string;
          info?: Record<string, { status: string; message?: string }>;
        };
        return body.info?.['search-indexer']?.status === 'degraded'
          ? { status: ready.status, body }
          : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.info!['search-indexer']!.message).toMatch(/OpenSearch unreachable/);
    const metrics = await (await fetch(`${harness.base}/metrics`)).text();
    expect(
      Number(/^search_indexer_oldest_unindexed_seconds\{[^}]*\} (\S+)$/m.exec(metrics)?.[1]),
    ).toBeGreaterThan(5);
    expect(
      Number(/^search_indexer_pending_writes\{[^}]*\} (\S+)$/m.exec(metrics)?.[1]),
    ).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^search_indexer_degraded\{[^}]*\} 1$/m);
    expect(metrics).toMatch(
      /^event_consumer_lag_messages\{[^}]*group="catalog-test-indexer-[^"]+"[^}]*\} [1-9]/m,
    );

    node('opensearch_start && opensearch_wait');
    const found = await waitFor(
      'the product written during the outage to be searchable',
      async () => {
        const ids = await searchIds(word);
        return ids?.includes(during) ? ids : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(found.sort()).toEqual([before, during].sort());
    const caughtUp = await (await fetch(`${harness.base}/metrics`)).text();
    expect(caughtUp).toMatch(/^search_indexer_oldest_unindexed_seconds\{[^}]*\} 0$/m);
  }, 300_000);
});
