/**
 * Tenancy at scale (issue 12, item 4). Seeds TENANCY_TENANTS (10,000) seller tenants and measures, at 100 tenants
 * and again at N in the same run, beside the same-run bare Fastify figure:
 * - sign-up-to-usable provisioning: a signed-in user signs up a seller organization through the gateway
 *   (`signUpSeller`, the tenants service), a platform admin approves it (`approveTenant`, as the marketplace's
 *   review would), the owner signs in again (its token now names the organization) and is **usable** once its
 *   first seller action, `createProduct` through the gateway with that token, succeeds. Timed from the sign-up
 *   request to that success; TENANCY_SIGNUPS (20) sign-ups one after another (target p95 < 2 s);
 * - login (Keycloak password grant of seeded sellers), search (buyer search with facets through the gateway,
 *   anonymous) and checkout (buyers ordering from two sellers at once), and each figure at N as a share of the
 *   one at 100 (target: within 10 %);
 * - noisy neighbour: seller tenants each reading their stock levels at a modest rate, their p95 without and then
 *   with one tenant sending 10× its rate limit (target: raised < 10 %).
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench tenancy-scale
 *
 * Tenants are seeded in bulk (ADR 0065), as real as the measured paths can tell: per tenant a Keycloak
 * organization, its `seller-owner` role group and an owner user (member, in the group, a password) through the
 * admin REST API, TENANCY_SEED_CONCURRENCY (16) tenants at a time; the tenant rows, their status history and
 * `tenant.registered` outbox events written by the tenants service's own `insertTenant`, 100 tenants per
 * transaction, active (the running tenants service answers status look-ups from them and publishes the events
 * every consumer handles). The owners' passwords are stored pre-hashed (Argon2id with Keycloak's parameters):
 * hashing 10,000 passwords would cost Keycloak more CPU than the rest of the bench. Products (TENANCY_PRODUCTS,
 * 20,000, spread over the tenants of each phase, so the catalog's size stays the same and only the number of
 * sellers changes) go straight to the catalog's MongoDB database, and the catalog rebuilds its search index.
 *
 * It never touches the shared stack: private copies of Keycloak, MariaDB, FerretDB, Kafka and Redis (ports of
 * the shared stack + TENANCY_PORT_OFFSET, 20000, beside the fault suite's) under $STACK_HOME/tenancy-stack, and
 * the platform's services started for the run; all stopped and removed when it ends or is interrupted. Logs stay
 * in $STACK_HOME/tenancy-scale-logs. The gateway's per-tenant limit is TENANCY_RATE_LIMIT (600) requests per
 * 60 s: the platform's default (6,000) is ten times this machine's whole gateway throughput, so 10× of it
 * would measure a saturated box, not the limiter.
 * Env: TENANCY_TENANTS (10000), TENANCY_SIGNUPS (20), TENANCY_PRODUCTS (20000), TENANCY_DURATION_S (15),
 * TENANCY_CONNECTIONS (20), TENANCY_BUYERS (10), TENANCY_SEED_CONCURRENCY (16), TENANCY_RATE_LIMIT (600),
 * TENANCY_PORT_OFFSET (20000), TENANCY_SEED_MINUTES (none: a budget for seeding past 100; N is then what it reached).
 */
import { connectMongo, MySqlDatabase } from '@marketplace/service-kit';
import { runWithContext, withinTenant } from '@marketplace/tenancy';
import {
  clientCredentialsToken,
  createTestAdmin,
  createTestBuyer,
  passwordToken,
} from '@marketplace/testing';
import { CategoriesService } from '@marketplace/catalog-service/src/categories/categories.service';
import { CatalogDatabase } from '@marketplace/catalog-service/src/database/catalog-database';
import { createProductSchema } from '@marketplace/catalog-service/src/products/product.inputs';
import type { ProductDocument } from '@marketplace/catalog-service/src/products/product.document';
import type { ProductsService } from '@marketplace/catalog-service/src/products/products.service';
import { argon2Sync, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { insertTenant, newTenantRow } from '../tenant-services/tenants/src/tenants/tenant-registration';
import {
  dataOf,
  Marketplace,
  mapConcurrently,
  percentile,
  startPlatform,
  startPrivateStack,
  type RunningPlatform,
  type Seller,
  type StockedProduct,
  type TestUser,
} from '../platform/e2e/src';
import { measureFastifyBaseline, printBaseline, shareOfBaseline, type BaselineFigures } from './lib/baseline';
import { stopOnInterrupt } from './lib/interrupt';
import { benchCategories, documentBuilder } from './lib/catalog-documents';
import { measureLoad, platformProcesses, round, writeResults, type LoadFigures } from './lib/load';

const TENANTS = Number(process.env.TENANCY_TENANTS ?? 10_000);
const SMALL = Math.min(100, TENANTS);
const SIGNUPS = Number(process.env.TENANCY_SIGNUPS ?? 20);
const PRODUCTS = Number(process.env.TENANCY_PRODUCTS ?? 20_000);
const DURATION_S = Math.min(Number(process.env.TENANCY_DURATION_S ?? 15), 120);
const CONNECTIONS = Math.min(Number(process.env.TENANCY_CONNECTIONS ?? 20), 200);
const BUYERS = Number(process.env.TENANCY_BUYERS ?? 10);
const SEED_CONCURRENCY = Number(process.env.TENANCY_SEED_CONCURRENCY ?? 16);
/** Seeding past 100 tenants stops after this many minutes (unset: at TENANCY_TENANTS), and N is what it reached. */
const SEED_MINUTES = Number(process.env.TENANCY_SEED_MINUTES ?? Infinity);
const RATE_LIMIT = Number(process.env.TENANCY_RATE_LIMIT ?? 600);
const RATE_WINDOW_S = 60;
const PORT_OFFSET = Number(process.env.TENANCY_PORT_OFFSET ?? 20_000);
/** Tenant rows per MySQL transaction. */
const ROW_BATCH = 100;
/** Sellers whose logins are measured, and tenants reading their products beside the noisy one. */
const SAMPLED_SELLERS = 20;
const VICTIMS = 10;
const PASSWORD = 'password';

const SIGN_UP = 'mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { tenant { id } } }';
const APPROVE = 'mutation($id: ID!) { approveTenant(id: $id) { status } }';
const CREATE_PRODUCT = 'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }';
/**
 * What the tenants beside the noisy one (and the noisy one) send: a seller read answered by inventory (MySQL). The
 * catalog's `myProducts` was the first choice; on FerretDB under a load average near 20 it took over 30 s.
 */
const SELLER_READ = 'query { stockLevels(first: 5) { nodes { onHand } } }';
const REBUILD = 'mutation { rebuildSearchIndex(reason: "tenancy-scale bench seed") { rebuilding } }';
const INDEX_STATUS = 'query { searchIndexStatus { products rebuilding buildMs } }';
const SEARCH = `query($s: ProductSearchInput, $sort: ProductSort) {
  products(search: $s, sort: $sort, first: 20) {
    totalCount nodes { id title minPrice currency } pageInfo { hasNextPage endCursor }
    facets { categories { value count } sellers { value count } attributes { name values { value count } } priceBuckets { min max count } }
  }
}`;
const COLORS = ['red', 'blue', 'green', 'black', 'white', 'grey', 'navy', 'olive'];
const ITEMS = ['shirt', 'jacket', 'lamp', 'mug', 'chair', 'rug', 'scarf', 'boot', 'vase', 'table'];
const MATERIALS = ['cotton', 'wool', 'linen', 'oak', 'steel', 'ceramic'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SeededTenant {
  index: number;
  tenantId: string;
  alias: string;
  email: string;
  ownerUserId: string;
}

interface Latencies {
  count: number;
  failed: number;
  perSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

/** The parts of a sign-up, as timed: `signUpSeller`, `approveTenant`, the owner's new token, the first product. */
type SignUpStep = 'signUp' | 'approval' | 'signInAgain' | 'firstProduct';

interface PhaseFigures {
  tenants: number;
  signUpToUsable: Latencies & {
    failures: string[];
    stepP50Ms: Record<SignUpStep, number>;
    /** Each sign-up's time in the order they ran, and the slowest time of each step: where a slow one waited. */
    latenciesInOrderMs: number[];
    stepMaxMs: Record<SignUpStep, number>;
    /** Why first writes were retried (error code or message: count) before the seller was usable. */
    retriedFor: Record<string, number>;
  };
  login: Latencies;
  search: LoadFigures;
  checkout: Latencies & { failures: Record<string, number> };
  noisyNeighbour: {
    victims: number;
    victimRatePerSecond: number;
    /** The first distinct errors the tenants beside the noisy one got. */
    errorSamples: string[];
    without: Latencies;
    with: Latencies;
    noisy: { sent: number; perSecond: number; rateLimited: number; otherErrors: number };
    p95RaisedPercent: number;
  };
  loadAverage: number[];
}

function summarize(latencies: number[], failed: number, seconds: number): Latencies {
  const at = (p: number) => round(percentile(latencies, p) ?? NaN);
  return {
    count: latencies.length,
    failed,
    perSecond: round(latencies.length / seconds),
    latencyMs: { p50: at(50), p95: at(95), max: at(100) },
  };
}

function describe(figures: Latencies, unit = 'req'): string {
  return `${figures.count} in total, ${figures.perSecond} ${unit}/s, p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms, ${figures.failed} failed`;
}

/**
 * The Keycloak admin REST API as the provisioning client, for what the platform's admin client does one call
 * at a time with look-ups (organization-role groups) or with a password to hash (users).
 */
class KeycloakSeeder {
  private token?: { value: string; at: number };
  private rolesGroup?: string;
  /** One stored password for every seeded owner: Keycloak's Argon2id parameters, so no login re-hashes it. */
  private readonly credential = hashedPassword(PASSWORD);

  private async bearer(): Promise<string> {
    if (!this.token || Date.now() - this.token.at > 60_000) {
      const value = await clientCredentialsToken(
        required('KEYCLOAK_PROVISIONING_CLIENT_ID'),
        required('KEYCLOAK_PROVISIONING_CLIENT_SECRET'),
      );
      this.token = { value, at: Date.now() };
    }
    return this.token.value;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `${required('KEYCLOAK_URL')}/admin/realms/${required('KEYCLOAK_REALM')}${path}`;
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await this.bearer()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`Keycloak ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  }

  private async create(path: string, body: unknown): Promise<string> {
    const response = await this.send('POST', path, body);
    const id = response.headers.get('location')?.split('/').pop();
    if (!id) throw new Error(`Keycloak POST ${path}: no Location`);
    return id;
  }

  /** The top group of every organization's role groups, created on first use. */
  private async organizationRoles(): Promise<string> {
    if (this.rolesGroup) return this.rolesGroup;
    const found = await fetch(
      `${required('KEYCLOAK_URL')}/admin/realms/${required('KEYCLOAK_REALM')}/group-by-path/organization-roles`,
      { headers: { authorization: `Bearer ${await this.bearer()}` } },
    );
    this.rolesGroup = found.ok
      ? ((await found.json()) as { id: string }).id
      : await this.create('/groups', { name: 'organization-roles' });
    return this.rolesGroup;
  }

  /** An organization with an owner who is its member and its `seller-owner`, as sign-up leaves it. */
  async tenant(index: number, runTag: string): Promise<SeededTenant> {
    const alias = `bench-${runTag}-${index}`;
    const tenantId = await this.create('/organizations', {
      name: `Bench seller ${index}`,
      alias,
      enabled: true,
    });
    const organizationGroup = await this.create(`/groups/${await this.organizationRoles()}/children`, {
      name: tenantId,
    });
    await this.create(`/groups/${organizationGroup}/children`, { name: 'seller-owner' });
    const email = `seller-${runTag}-${index}@bench.example.com`;
    const userId = await this.create('/users', {
      username: email,
      email,
      emailVerified: true,
      enabled: true,
      firstName: 'Bench',
      lastName: `Seller ${index}`,
      credentials: [this.credential],
      groups: [`/organization-roles/${tenantId}/seller-owner`],
    });
    await this.send('POST', `/organizations/${tenantId}/members`, userId);
    return { index, tenantId, alias, email, ownerUserId: userId };
  }
}

/** A password credential as Keycloak 26 stores one by default (Argon2id, 7 MiB, 5 passes, 32-byte hash). */
function hashedPassword(password: string) {
  const salt = randomBytes(16);
  const hash = argon2Sync('argon2id', {
    message: password,
    nonce: salt,
    parallelism: 1,
    tagLength: 32,
    memory: 7168,
    passes: 5,
  });
  return {
    type: 'password',
    temporary: false,
    secretData: JSON.stringify({
      value: hash.toString('base64'),
      salt: salt.toString('base64'),
      additionalParameters: {},
    }),
    credentialData: JSON.stringify({
      hashIterations: 5,
      algorithm: 'argon2',
      additionalParameters: {
        hashLength: ['32'],
        memory: ['7168'],
        type: ['id'],
        version: ['1.3'],
        parallelism: ['1'],
      },
    }),
  };
}

/** Seeds tenants in bulk: Keycloak identities with bounded concurrency, their rows 250 per transaction. */
class TenantSeeder {
  readonly tenants: SeededTenant[] = [];
  seconds = 0;
  private readonly keycloak = new KeycloakSeeder();

  constructor(
    private readonly database: MySqlDatabase,
    private readonly runTag: string,
  ) {}

  async seedUpTo(count: number, deadline = Infinity): Promise<void> {
    const from = this.tenants.length;
    const started = Date.now();
    let lastPrint = started;
    for (let batchStart = from; batchStart < count && Date.now() < deadline; batchStart += ROW_BATCH) {
      const indexes = Array.from(
        { length: Math.min(ROW_BATCH, count - batchStart) },
        (_, i) => batchStart + i,
      );
      const batch = await mapConcurrently(indexes, SEED_CONCURRENCY, (index) =>
        this.keycloak.tenant(index, this.runTag),
      );
      await this.database.db.transaction(async (tx) => {
        for (const tenant of batch)
          await withinTenant(tenant.tenantId, () => insertTenant(tx, tenantRow(tenant)));
      });
      this.tenants.push(...batch);
      if (Date.now() - lastPrint > 5000 || this.tenants.length === count) {
        lastPrint = Date.now();
        const done = this.tenants.length - from;
        const rate = done / ((Date.now() - started) / 1000);
        const left = (count - this.tenants.length) / rate;
        console.log(
          `seeding: ${this.tenants.length.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} tenants, ` +
            `${rate.toFixed(1)} tenants/s, ETA ${Math.round(left / 60)} min ${Math.round(left % 60)} s`,
        );
      }
    }
    this.seconds += (Date.now() - started) / 1000;
  }
}

function tenantRow(tenant: SeededTenant) {
  return newTenantRow({
    tenantId: tenant.tenantId,
    name: `Bench seller ${tenant.index}`,
    alias: tenant.alias,
    status: 'active',
    commissionBps: 1000,
    defaultCurrency: 'EUR',
    contactEmail: tenant.email,
    ownerUserId: tenant.ownerUserId,
    statusChangedBy: null,
  });
}

/**
 * Replaces the catalog's bench products with PRODUCTS spread over these tenants (so both phases search a catalog
 * of the same size) and has the catalog rebuild its search index from the database.
 */
async function seedProducts(
  platform: RunningPlatform,
  admin: TestUser,
  tenants: SeededTenant[],
): Promise<number> {
  const started = Date.now();
  const mongo = await connectMongo({
    url: required('MONGODB_URL'),
    database: `e2e_catalog_${platform.run}`,
  });
  try {
    const database = new CatalogDatabase(mongo.db);
    // Dropping is instant where deleting documents is not (FerretDB deletes them one statement each).
    await database.rawProducts.drop().catch(() => undefined);
    await database.ensureIndexes();
    const categories = new CategoriesService(database);
    const categoryIds = await benchCategories(database, categories);
    const builder = await documentBuilder(database, categories, categoryIds);
    const perTenant = Math.max(1, Math.floor(PRODUCTS / tenants.length));
    let batch: ProductDocument[] = [];
    let inserted = 0;
    for (const tenant of tenants) {
      await runWithContext({ tenantId: tenant.tenantId, userId: 'bench' }, async () => {
        for (let p = 0; p < perTenant; p += 1)
          batch.push(await benchProduct(builder, tenant, p, categoryIds));
      });
      if (batch.length >= 1000) {
        await database.rawProducts.insertMany(batch);
        inserted += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await database.rawProducts.insertMany(batch);
    inserted += batch.length;
    admin.token = await passwordToken(admin.email);
    dataOf(await platform.gql(REBUILD, {}, admin.token), 'rebuildSearchIndex');
    for (const deadline = Date.now() + 15 * 60_000; ;) {
      if (Date.now() > deadline) throw new Error('The catalog did not rebuild its search index in 15 min');
      await sleep(2000);
      const status = dataOf(
        await platform.gql<{ searchIndexStatus: { products: number; rebuilding: boolean } }>(
          INDEX_STATUS,
          {},
          admin.token,
        ),
        'searchIndexStatus',
      ).searchIndexStatus;
      if (!status.rebuilding && status.products >= inserted) break;
    }
    const seconds = round((Date.now() - started) / 1000);
    console.log(
      `products: ${inserted} over ${tenants.length} tenants (${perTenant} each) inserted and indexed in ${seconds} s`,
    );
    return seconds;
  } finally {
    await mongo.close();
  }
}

async function benchProduct(
  products: ProductsService,
  tenant: SeededTenant,
  p: number,
  categoryIds: string[],
): Promise<ProductDocument> {
  const t = tenant.index;
  const color = COLORS[(p + t) % COLORS.length]!;
  const item = ITEMS[(p * 3 + t) % ITEMS.length]!;
  const material = MATERIALS[(p + t) % MATERIALS.length]!;
  const price = 500 + ((p * 37 + t * 11) % 300) * 100;
  const doc = await products.newDocument(
    createProductSchema.parse({
      title: `${color} ${material} ${item} ${p}`,
      description: `A ${material} ${item} from bench seller ${t}.`,
      categoryId: categoryIds[(p + t) % categoryIds.length],
      currency: 'EUR',
      attributes: [
        { name: 'color', value: color },
        { name: 'material', value: material },
      ],
      variants: [{ sku: `T${t}-${p}`, priceMinor: price }],
    }),
  );
  return { ...doc, status: 'published', publishedAt: new Date(), inStock: true };
}

/** Buyer searches with facets: text, category and price, attribute facets, one seller's shop. */
function searchBodies(tenants: SeededTenant[]): string[] {
  const bodies: object[] = [];
  const sorts = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC'];
  COLORS.forEach((color, c) =>
    ITEMS.forEach((item, i) => bodies.push({ s: { text: `${color} ${item}` }, sort: sorts[(c + i) % 4] })),
  );
  MATERIALS.forEach((material, m) =>
    bodies.push({ s: { attributes: [{ name: 'material', values: [material] }] }, sort: sorts[m % 4] }),
  );
  // Sellers spread over every tenant seeded: a seller's shop is a search too.
  for (let k = 0; k < 100; k += 1) {
    const tenant = tenants[Math.floor((k * tenants.length) / 100)]!;
    bodies.push({ s: { sellerId: tenant.tenantId }, sort: sorts[k % 4] });
  }
  return bodies.map((variables) => JSON.stringify({ query: SEARCH, variables }));
}

/** How long `call` took (ms), or undefined when it failed. */
async function timed(call: () => Promise<boolean>): Promise<number | undefined> {
  const at = performance.now();
  const ok = await call().catch(() => false);
  return ok ? performance.now() - at : undefined;
}

/**
 * Runs `operation` (its time in ms, undefined when it failed) from `workers` loops for `seconds`, each pausing
 * `pauseMs` between calls.
 */
async function timedLoops(
  workers: number,
  seconds: number,
  operation: (worker: number) => Promise<number | undefined>,
  pauseMs = 0,
): Promise<Latencies> {
  const latencies: number[] = [];
  let failed = 0;
  const started = Date.now();
  const ends = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (Date.now() < ends) {
        const latency = await operation(worker).catch(() => undefined);
        if (latency === undefined) failed += 1;
        else latencies.push(latency);
        if (pauseMs > 0) await sleep(pauseMs);
      }
    }),
  );
  return summarize(latencies, failed, (Date.now() - started) / 1000);
}

async function measureLogins(sample: SeededTenant[]): Promise<Latencies> {
  // Each user once before the measured run (Keycloak's user cache, the client's connections).
  await mapConcurrently(sample, 4, (tenant) => passwordToken(tenant.email, PASSWORD));
  return timedLoops(4, DURATION_S, () => {
    const tenant = sample[Math.floor(Math.random() * sample.length)]!;
    return timed(async () => Boolean(await passwordToken(tenant.email, PASSWORD)));
  });
}

/** Two sellers' products in each buyer's cart, then a checkout; ordered lines leave the cart (ADR 0058). */
async function measureCheckout(
  market: Marketplace,
  buyers: TestUser[],
  products: [StockedProduct, StockedProduct],
): Promise<Latencies & { failures: Record<string, number> }> {
  const failures: Record<string, number> = {};
  const tokens = await Promise.all(buyers.map((buyer) => passwordToken(buyer.email)));
  const figures = await timedLoops(buyers.length, DURATION_S, async (worker) => {
    const token = tokens[worker]!;
    await market.fillCart(token, [
      [products[0], 1],
      [products[1], 1],
    ]);
    // Only the checkout's own time counts: the cart was filled before it.
    return timed(async () => {
      const answer = await market.checkout(token);
      if (answer.data?.checkout.status === 'paid') return true;
      const reason = answer.errors?.[0]
        ? `${String(answer.errors[0].extensions?.code ?? 'ERROR')}: ${answer.errors[0].message.slice(0, 120)}`
        : `status ${answer.data?.checkout.status ?? 'none'}`;
      failures[reason] = (failures[reason] ?? 0) + 1;
      return false;
    });
  });
  return { ...figures, failures };
}

async function checkoutSellers(
  market: Marketplace,
  sellers: SeededTenant[],
): Promise<[StockedProduct, StockedProduct]> {
  const made = await mapConcurrently(sellers, 2, async (tenant) => {
    const seller: Seller = {
      tenantId: tenant.tenantId,
      alias: tenant.alias,
      name: `Bench seller ${tenant.index}`,
      owner: {
        userId: tenant.ownerUserId,
        email: tenant.email,
        password: PASSWORD,
        token: await passwordToken(tenant.email, PASSWORD),
      },
    };
    await market.onboardPayouts(seller);
    return market.product(seller, 1_000 + tenant.index, 1_000_000);
  });
  return [made[0]!, made[1]!];
}

/** Sign-ups one after another, each timed from the request to the new seller's first product. */
async function measureSignUps(
  platform: RunningPlatform,
  admin: TestUser,
): Promise<PhaseFigures['signUpToUsable']> {
  const users = await mapConcurrently(Array.from({ length: SIGNUPS }), 4, () => createTestBuyer());
  const latencies: number[] = [];
  const failures: string[] = [];
  const steps: Record<SignUpStep, number[]> = { signUp: [], approval: [], signInAgain: [], firstProduct: [] };
  const retriedFor: Record<string, number> = {};
  const started = Date.now();
  for (const user of users) {
    user.token = await passwordToken(user.email);
    // Fresh for each approval: a slow run of sign-ups outlasts one access token.
    admin.token = await passwordToken(admin.email);
    const alias = `signup-${ulid().toLowerCase()}`;
    const at = performance.now();
    let stepStarted = at;
    const stepDone = (step: SignUpStep) => {
      const now = performance.now();
      steps[step].push(now - stepStarted);
      stepStarted = now;
    };
    try {
      const tenantId = dataOf(
        await platform.gql<{ signUpSeller: { tenant: { id: string } } }>(
          SIGN_UP,
          { input: { name: `Shop ${alias}`, alias } },
          user.token,
        ),
        'signUpSeller',
      ).signUpSeller.tenant.id;
      stepDone('signUp');
      dataOf(await platform.gql(APPROVE, { id: tenantId }, admin.token), 'approveTenant');
      stepDone('approval');
      const token = await passwordToken(user.email);
      stepDone('signInAgain');
      const sku = `SU-${ulid()}`;
      const product = {
        input: {
          title: `First item ${sku}`,
          currency: 'EUR',
          attributes: [],
          options: [],
          variants: [{ sku, optionValues: [], priceMinor: 1500 }],
        },
      };
      // Usable when the first write succeeds: retried while a service still holds the organization as unknown.
      for (let attempt = 0; ; attempt += 1) {
        const answer = await platform.gql(CREATE_PRODUCT, product, token);
        if (!answer.errors) break;
        // A retry after a timeout whose product was created meanwhile: its SKU is taken by that product.
        if (attempt > 0 && answer.errors[0]?.extensions?.code === 'CONFLICT') break;
        if (attempt >= 100) throw new Error(JSON.stringify(answer.errors[0]).slice(0, 300));
        const reason = String(answer.errors[0]?.extensions?.code ?? answer.errors[0]?.message ?? 'unknown');
        retriedFor[reason] = (retriedFor[reason] ?? 0) + 1;
        await sleep(100);
      }
      stepDone('firstProduct');
      latencies.push(performance.now() - at);
    } catch (error) {
      failures.push(String(error).slice(0, 300));
    }
  }
  return {
    ...summarize(latencies, failures.length, (Date.now() - started) / 1000),
    failures: [...new Set(failures)].slice(0, 5),
    stepP50Ms: Object.fromEntries(
      Object.entries(steps).map(([step, times]) => [step, round(percentile(times, 50) ?? NaN)]),
    ) as Record<SignUpStep, number>,
    latenciesInOrderMs: latencies.map(round),
    stepMaxMs: Object.fromEntries(
      Object.entries(steps).map(([step, times]) => [step, round(Math.max(...times, 0))]),
    ) as Record<SignUpStep, number>,
    retriedFor,
  };
}

/**
 * VICTIMS tenants read their products ~2 times a second each while one more tenant is quiet, then while it
 * sends 10× the per-tenant limit (open loop, at most 200 requests in flight).
 */
async function measureNoisyNeighbour(
  platform: RunningPlatform,
  victims: SeededTenant[],
  noisy: SeededTenant,
): Promise<PhaseFigures['noisyNeighbour']> {
  const tokens = await Promise.all(victims.map((tenant) => passwordToken(tenant.email, PASSWORD)));
  const errorSamples = new Set<string>();
  const victimRun = () =>
    timedLoops(
      victims.length,
      DURATION_S,
      (worker) =>
        timed(async () => {
          const answer = await platform.gql(SELLER_READ, {}, tokens[worker]);
          if (answer.errors) errorSamples.add(JSON.stringify(answer.errors[0]).slice(0, 200));
          return !answer.errors;
        }),
      500,
    );
  const without = await victimRun();
  const noisyToken = await passwordToken(noisy.email, PASSWORD);
  const perSecond = (10 * RATE_LIMIT) / RATE_WINDOW_S;
  const counts = { sent: 0, rateLimited: 0, otherErrors: 0 };
  let inFlight = 0;
  let hammering = true;
  const hammer = (async () => {
    const started = performance.now();
    while (hammering) {
      const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
      for (; counts.sent < due && inFlight < 200; counts.sent += 1) {
        inFlight += 1;
        void platform
          .gql(SELLER_READ, {}, noisyToken)
          .then(
            (answer) => {
              const code = answer.errors?.[0]?.extensions?.code;
              if (code === 'RATE_LIMITED' || answer.status === 429) counts.rateLimited += 1;
              else if (answer.errors) counts.otherErrors += 1;
            },
            () => {
              counts.otherErrors += 1;
            },
          )
          .finally(() => {
            inFlight -= 1;
          });
      }
      await sleep(5);
    }
    return (performance.now() - started) / 1000;
  })();
  const withNoisy = await victimRun();
  hammering = false;
  const hammerSeconds = await hammer;
  while (inFlight > 0) await sleep(50);
  return {
    victims: victims.length,
    victimRatePerSecond: 2,
    errorSamples: [...errorSamples].slice(0, 3),
    without,
    with: withNoisy,
    noisy: { ...counts, perSecond: round(counts.sent / hammerSeconds) },
    p95RaisedPercent: round(
      (100 * (withNoisy.latencyMs.p95 - without.latencyMs.p95)) / without.latencyMs.p95,
    ),
  };
}

async function measurePhase(
  platform: RunningPlatform,
  market: Marketplace,
  admin: TestUser,
  seeder: TenantSeeder,
  baseline: BaselineFigures,
): Promise<PhaseFigures> {
  const tenants = seeder.tenants;
  const n = tenants.length;
  console.log(`\n=== ${n.toLocaleString('en-US')} tenants ===`);
  const spread = (count: number, offset = 0) =>
    Array.from({ length: count }, (_, k) => tenants[Math.floor(((k + offset) * n) / (count + 2))]!);
  const sample = spread(SAMPLED_SELLERS);
  const products = await checkoutSellers(market, [tenants[n - 1]!, tenants[n - 2]!]);
  // New buyers each phase: the products of the phase before are gone with its catalog.
  const buyers = await market.buyers(BUYERS);

  const login = await measureLogins(sample);
  console.log(`login (password grant, ${sample.length} sellers, 4 clients): ${describe(login, 'logins')}`);

  const search = await measureLoad({
    url: `${platform.urls.gateway}/graphql`,
    bodies: searchBodies(tenants),
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    processes: platformProcesses({ catalog: platform.urls.catalog, gateway: platform.urls.gateway }),
  });
  console.log(
    `search with facets (anonymous, c=${CONNECTIONS}): ${search.requestsPerSecond} req/s, p50 ${search.latencyMs.p50} ms, ` +
      `p95 ${search.latencyMs.p95} ms, ${search.non2xx} non-2xx, ${search.graphqlErrors} with errors = ${shareOfBaseline(search.requestsPerSecond, baseline)}`,
  );

  const checkout = await measureCheckout(market, buyers, products);
  console.log(
    `two-seller checkout (${buyers.length} buyers): ${describe(checkout, 'orders')} ${JSON.stringify(checkout.failures)}`,
  );

  const signUpToUsable = await measureSignUps(platform, admin);
  console.log(`sign-up to usable (${SIGNUPS} in a row): ${describe(signUpToUsable, 'sign-ups')}`);
  console.log(`  p50 of each step (ms): ${JSON.stringify(signUpToUsable.stepP50Ms)}`);
  console.log(
    `  each, in order (ms): ${signUpToUsable.latenciesInOrderMs.join(', ')}; slowest step (ms): ${JSON.stringify(signUpToUsable.stepMaxMs)}; first writes retried for: ${JSON.stringify(signUpToUsable.retriedFor)}`,
  );
  if (signUpToUsable.failures.length > 0) console.log(`  failures: ${signUpToUsable.failures.join('; ')}`);

  const victims = spread(VICTIMS, 1);
  // Not one of its victims: spread's middle pick is the middle tenant, which would share the noisy one's bucket.
  const noisy = tenants.slice(Math.floor(n / 2)).find((tenant) => !victims.includes(tenant))!;
  const noisyNeighbour = await measureNoisyNeighbour(platform, victims, noisy);
  console.log(
    `noisy neighbour: ${VICTIMS} tenants' p95 ${noisyNeighbour.without.latencyMs.p95} ms alone, ` +
      `${noisyNeighbour.with.latencyMs.p95} ms beside one tenant at ${noisyNeighbour.noisy.perSecond} req/s ` +
      `(${noisyNeighbour.noisy.rateLimited} of ${noisyNeighbour.noisy.sent} rate-limited): +${noisyNeighbour.p95RaisedPercent} %`,
  );
  return {
    tenants: n,
    signUpToUsable,
    login,
    search,
    checkout,
    noisyNeighbour,
    loadAverage: loadavg().map(round),
  };
}

/**
 * Waits until the tenants service published every `tenant.registered` and the catalog recorded every seeded
 * tenant's status (up to 10 min): the catalog stamps a status on all of a tenant's products, so the products
 * are seeded after this, and nothing measured waits behind it.
 */
async function settle(platform: RunningPlatform, tenants: number): Promise<void> {
  const mongo = await connectMongo({ url: required('MONGODB_URL'), database: `e2e_catalog_${platform.run}` });
  const connection = await mysql.createConnection({
    uri: required('MYSQL_URL'),
    database: `e2e_tenants_${platform.run}`,
  });
  try {
    const states = new CatalogDatabase(mongo.db).tenantStates;
    for (const deadline = Date.now() + 10 * 60_000; Date.now() < deadline;) {
      const [rows] = await connection.query('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL');
      const unpublished = Number((rows as { n: number }[])[0]?.n ?? 0);
      const known = await states.countDocuments();
      if (unpublished === 0 && known >= tenants) return;
      console.log(
        `settling: ${unpublished} tenant events to publish, ${known} of ${tenants} tenants known to the catalog`,
      );
      await sleep(5000);
    }
    console.log('settling: gave up after 10 min; measuring anyway');
  } finally {
    await connection.end();
    await mongo.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const baseline = await measureFastifyBaseline({ connections: CONNECTIONS, durationSeconds: 5 });
  printBaseline(baseline);
  const stackHome = process.env.STACK_HOME ?? join(__dirname, '..', '.stack');
  const home = join(stackHome, 'tenancy-stack');
  const logs = join(stackHome, 'tenancy-scale-logs');
  await rm(logs, { recursive: true, force: true });
  const keepLogs = { keepLogsIn: join(logs, 'servers') };
  console.log(`private servers under ${home} (ports + ${PORT_OFFSET}), logs in ${logs}…`);
  const stack = await startPrivateStack(home, undefined, { portOffset: PORT_OFFSET });
  Object.assign(process.env, stack.env);
  let platform: RunningPlatform | undefined;
  let tenantsDb: MySqlDatabase | undefined;
  stopOnInterrupt('tenancy-scale', async () => {
    await tenantsDb?.close().catch(() => undefined);
    await platform?.close().catch(() => undefined);
    await stack.close(keepLogs).catch(() => undefined);
  });
  try {
    platform = await startPlatform({
      tenants: true,
      // Every seller is a registered tenant: an organization the tenants service does not know is refused.
      services: { TENANT_STATUS_ASSUME_ACTIVE: 'false' },
      gateway: { RATE_LIMIT_TENANT: String(RATE_LIMIT), RATE_LIMIT_WINDOW_SECONDS: String(RATE_WINDOW_S) },
      logDir: join(logs, 'services'),
    });
    tenantsDb = await MySqlDatabase.fromConfig(
      {
        MYSQL_URL: required('MYSQL_URL'),
        MYSQL_DATABASE: `e2e_tenants_${platform.run}`,
        MYSQL_CREATE_DATABASE: false,
      },
      join(__dirname, '..', 'tenant-services', 'tenants', 'drizzle'),
    ).open();
    const market = new Marketplace(platform);
    const admin = await createTestAdmin();
    const seeder = new TenantSeeder(tenantsDb, platform.run.slice(-8));

    await seeder.seedUpTo(SMALL);
    await settle(platform, seeder.tenants.length);
    const smallProductSeconds = await seedProducts(platform, admin, seeder.tenants);
    const small = await measurePhase(platform, market, admin, seeder, baseline);

    const seedStarted = Date.now();
    await seeder.seedUpTo(TENANTS, Date.now() + SEED_MINUTES * 60_000);
    const reached = seeder.tenants.length;
    await settle(platform, seeder.tenants.length);
    const largeProductSeconds = await seedProducts(platform, admin, seeder.tenants);
    const settledSeconds = round((Date.now() - seedStarted) / 1000);
    const large = await measurePhase(platform, market, admin, seeder, baseline);

    const ratio = (now: number, before: number) => round((100 * now) / before);
    const ratios = {
      loginP95Percent: ratio(large.login.latencyMs.p95, small.login.latencyMs.p95),
      searchRequestsPerSecondPercent: ratio(large.search.requestsPerSecond, small.search.requestsPerSecond),
      searchP95Percent: ratio(large.search.latencyMs.p95, small.search.latencyMs.p95),
      checkoutOrdersPerSecondPercent: ratio(large.checkout.perSecond, small.checkout.perSecond),
      checkoutP95Percent: ratio(large.checkout.latencyMs.p95, small.checkout.latencyMs.p95),
    };
    const seedRate = round(seeder.tenants.length / seeder.seconds);
    console.log(`\n=== ${reached.toLocaleString('en-US')} tenants as a share of ${SMALL} ===`);
    console.log(
      `login p95 ${ratios.loginP95Percent} %; search ${ratios.searchRequestsPerSecondPercent} % of the req/s, p95 ${ratios.searchP95Percent} %; ` +
        `checkout ${ratios.checkoutOrdersPerSecondPercent} % of the orders/s, p95 ${ratios.checkoutP95Percent} % (target: within 90–110 %)`,
    );
    console.log(
      `sign-up to usable p95: ${small.signUpToUsable.latencyMs.p95} ms at ${SMALL}, ${large.signUpToUsable.latencyMs.p95} ms at ${reached} (target < 2,000 ms)`,
    );
    console.log(
      `seeded ${seeder.tenants.length} tenants in ${round(seeder.seconds)} s (${seedRate} tenants/s); run took ${Math.round((Date.now() - started) / 1000)} s`,
    );
    await writeResults('tenancy-scale', {
      at: new Date().toISOString(),
      baseline,
      targets: {
        signUpToUsableP95Ms: 2000,
        atNWithinPercentOf100: 10,
        noisyNeighbourP95RaisedPercent: 10,
      },
      settings: {
        tenants: TENANTS,
        ...(reached < TENANTS ? { seedMinutes: SEED_MINUTES, tenantsReached: reached } : {}),
        products: PRODUCTS,
        signUps: SIGNUPS,
        durationSeconds: DURATION_S,
        searchConnections: CONNECTIONS,
        checkoutBuyers: BUYERS,
        rateLimitPerTenant: { requests: RATE_LIMIT, windowSeconds: RATE_WINDOW_S },
      },
      seed: {
        tenants: seeder.tenants.length,
        seconds: round(seeder.seconds),
        tenantsPerSecond: seedRate,
        concurrency: SEED_CONCURRENCY,
        productSeconds: { [SMALL]: smallProductSeconds, [reached]: largeProductSeconds },
        seedToSettledSeconds: settledSeconds,
      },
      phases: { [SMALL]: small, [reached]: large },
      ratiosAtNPercentOf100: ratios,
      durationSeconds: Math.round((Date.now() - started) / 1000),
    });
  } finally {
    await tenantsDb?.close().catch(() => undefined);
    await platform?.close().catch((error: unknown) => console.error('closing the platform failed:', error));
    await stack.close(keepLogs);
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run after eval "$(platform/stack/stack env)"`);
  return value;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
