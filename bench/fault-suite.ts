/**
 * Fault suite (issue 18 item 4, ADRs 0040, 0052): under a running mixed load (browse, add to cart, checkout) it
 * stops and restarts in turn Redis, MariaDB, FerretDB, Kafka and Keycloak, then proves that every accepted order
 * exists once and gets paid, no payment was charged twice, no event was lost or applied twice, every service recovered without a
 * restart, and readiness reported each outage while it lasted. Figures (errors during each outage, recovery
 * time) go to bench/results/fault-suite.json; a broken promise makes the exit code 1.
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench fault-suite
 *
 * It never touches the shared stack: it starts private copies of the five servers under
 * $STACK_HOME/fault-stack on the shared ports + 10000 (platform/e2e/src/private-stack.ts) and its own service
 * processes on free ports; S3, stripe-mock and Mailpit stay shared and are never stopped. When it ends (or is
 * interrupted) it stops them all and removes $STACK_HOME/fault-stack; the services' and the servers' logs stay in
 * $STACK_HOME/fault-suite-logs (replaced by the next run). An event dead-lettered during the run fails it.
 * Env: FAULT_BUYERS (6), FAULT_OUTAGE_SECONDS (8), FAULT_RECOVERY_SECONDS (120).
 */
import { passwordToken, type TestUser } from '@marketplace/testing';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import {
  DRILL_SERVERS,
  Marketplace,
  readDeadLetters,
  readTopic,
  startPlatform,
  startPrivateStack,
  type DrillServer,
  type PrivateStack,
  type RunningPlatform,
  type StockedProduct,
} from '../platform/e2e/src';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';
import { stopOnInterrupt } from './lib/interrupt';

const BUYERS = Number(process.env.FAULT_BUYERS ?? 6);
const OUTAGE_SECONDS = Number(process.env.FAULT_OUTAGE_SECONDS ?? 8);
const RECOVERY_SECONDS = Number(process.env.FAULT_RECOVERY_SECONDS ?? 120);
const RESULTS = join(__dirname, 'results', 'fault-suite.json');
const BROWSE = `query { products(first: 5) { nodes { id } } }`;
const ADD_TO_CART = `mutation($variant: CartVariantInput!, $quantity: Int!) {
  addToCart(variant: $variant, quantity: $quantity) { sellers { lines { id } } }
}`;
const CART_LINES = `query { cart { sellers { lines { id } } } }`;
const REMOVE_CART_LINE = `mutation($lineId: ID!) { removeCartLine(lineId: $lineId) { itemCount } }`;

type Operation = 'browse' | 'addToCart' | 'checkout' | 'removeFromCart';

interface Attempt {
  at: number;
  operation: Operation;
  ok: boolean;
  /** What went wrong (first error message, or the thrown error), to tell causes apart in the figures. */
  error?: string;
}

interface OutageFigures {
  server: DrillServer;
  outageSeconds: number;
  /** Load operations during the outage (stop to restarted) and how many of them failed, by operation. */
  operations: number;
  errors: Record<Operation, number>;
  /** The distinct errors of failed operations from the stop until the platform recovered (up to 5). */
  errorSamples: string[];
  /** Per service, the readiness checks it reported down while the server was down (see `readiness`). */
  reportedDown: Record<string, string[]>;
  /** Seconds from the restarted server answering until every service was ready and a checkout succeeded. */
  recoverySeconds: number | null;
  restartSeconds: number;
  /** When the server was stopped and when it answered again (ISO), to read other figures against. */
  stoppedAt: string;
  restartedAt: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The mixed load: each buyer browses, adds one item and checks out, retrying a failed checkout with its key, then
 * takes the ordered line out of the cart if it is still there. The checkout takes it out itself (ADR 0058), but
 * only best effort: while the cart or Redis is down it stays, and the cart caps a line at 99 units.
 */
class MixedLoad {
  readonly attempts: Attempt[] = [];
  /** Idempotency key -> every order id its checkouts answered (one expected). */
  readonly answered = new Map<string, Set<string>>();
  readonly quantities = new Map<string, number>();
  lastCheckoutOkAt = 0;
  private running = true;
  private loops: Promise<void>[] = [];
  private readonly pending = new Map<TestUser, string>();
  /** The cart line each buyer's checkouts order (one product). */
  private readonly lines = new Map<TestUser, string>();

  constructor(
    private readonly platform: RunningPlatform,
    private readonly market: Marketplace,
    private readonly buyers: TestUser[],
    private readonly product: StockedProduct,
  ) {}

  start(): void {
    this.loops = this.buyers.map((buyer) => this.loop(buyer));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Retries every checkout left without an answer (with its key) until each has one. */
  async drain(deadline: number): Promise<string[]> {
    while (this.pending.size > 0 && Date.now() < deadline) {
      for (const [buyer, key] of [...this.pending]) await this.checkout(buyer, key);
      if (this.pending.size > 0) await sleep(1000);
    }
    return [...this.pending.values()];
  }

  private record(operation: Operation, ok: boolean, error?: string): boolean {
    this.attempts.push({ at: Date.now(), operation, ok, ...(error === undefined ? {} : { error }) });
    return ok;
  }

  private async call(
    buyer: TestUser | undefined,
    operation: Operation,
    run: (token?: string) => Promise<{ status: number; errors?: unknown[] }>,
  ) {
    try {
      let answer = await run(buyer?.token);
      if (buyer && answer.status === 401) {
        buyer.token = await passwordToken(buyer.email, buyer.password);
        answer = await run(buyer.token);
      }
      if (answer.errors === undefined) return this.record(operation, true);
      return this.record(
        operation,
        false,
        `${answer.status} ${JSON.stringify(answer.errors[0]).slice(0, 300)}`,
      );
    } catch (error) {
      return this.record(operation, false, String(error).slice(0, 300));
    }
  }

  private async checkout(buyer: TestUser, key: string): Promise<void> {
    let orderId: string | undefined;
    await this.call(buyer, 'checkout', async (token) => {
      const answer = await this.market.checkout(token!, key);
      orderId = answer.data?.checkout.id;
      return answer;
    });
    if (orderId === undefined) return;
    this.pending.delete(buyer);
    this.answered.set(key, (this.answered.get(key) ?? new Set()).add(orderId));
    this.lastCheckoutOkAt = Date.now();
    // Left in the cart when this fails: the next checkout then orders one unit more.
    const lineId = this.lines.get(buyer);
    if (lineId) await this.call(buyer, 'removeFromCart', (token) => this.removeIfStillThere(lineId, token));
  }

  /**
   * Removes the line unless the checkout already took it out. Gone by the time of the removal (a NOT_FOUND) is
   * what was wanted, not an error.
   */
  private async removeIfStillThere(
    lineId: string,
    token?: string,
  ): Promise<{ status: number; errors?: unknown[] }> {
    const cart = await this.platform.gql<{ cart: { sellers: { lines: { id: string }[] }[] } }>(
      CART_LINES,
      {},
      token,
    );
    if (!cart.data) return cart;
    const lines = cart.data.cart.sellers.flatMap((seller) => seller.lines);
    if (!lines.some((line) => line.id === lineId)) return { status: cart.status };
    const removed = await this.platform.gql(REMOVE_CART_LINE, { lineId }, token);
    const gone = removed.errors?.length === 1 && removed.errors[0]?.extensions?.code === 'NOT_FOUND';
    return gone ? { status: removed.status } : removed;
  }

  private async loop(buyer: TestUser): Promise<void> {
    while (this.running) {
      const pendingKey = this.pending.get(buyer);
      if (pendingKey) await this.checkout(buyer, pendingKey);
      else {
        await this.call(undefined, 'browse', () => this.platform.gql(BROWSE, {}));
        const added = await this.call(buyer, 'addToCart', async (token) => {
          const answer = await this.platform.gql<{
            addToCart: { sellers: { lines: { id: string }[] }[] };
          }>(
            ADD_TO_CART,
            { variant: { productId: this.product.productId, sku: this.product.sku }, quantity: 1 },
            token,
          );
          const lineId = answer.data?.addToCart.sellers[0]?.lines[0]?.id;
          if (lineId) this.lines.set(buyer, lineId);
          return answer;
        });
        if (added) {
          const key = `fault-${ulid()}`;
          this.pending.set(buyer, key);
          await this.checkout(buyer, key);
        }
      }
      await sleep(200);
    }
  }
}

/**
 * What each service's /health/ready reports down right now: the checks not `up` (a 503, or 200 `degraded` for the
 * dependencies a service keeps working without), `HTTP <status>` for an answer naming none, `no answer` (none within 6 s).
 * Empty for a service that is fully ready.
 */
async function readiness(urls: Record<string, string>): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        // Longer than a service's own budget per check (3 s): a check that times out is answered as down just after.
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(6000) });
        const body = (await response.json().catch(() => ({}))) as {
          status?: string;
          details?: Record<string, { status: string }>;
        };
        const down = Object.entries(body.details ?? {})
          .filter(([, check]) => check.status !== 'up')
          .map(([check]) => check);
        if (down.length === 0 && (!response.ok || body.status !== 'ok')) down.push(`HTTP ${response.status}`);
        return [name, down] as const;
      } catch {
        return [name, ['no answer']] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** The readiness checks that name each drill server: a check of another dependency does not count for it. */
const CHECKS_OF: Record<DrillServer, RegExp> = {
  redis: /^redis$/,
  mariadb: /^mysql$/,
  mongodb: /^mongodb$/,
  kafka: /^kafka$|^consumer:/,
  keycloak: /^keycloak$/,
};

async function drill(
  server: DrillServer,
  stack: PrivateStack,
  services: Record<string, string>,
  load: MixedLoad,
): Promise<OutageFigures> {
  const reported = new Map<string, Set<string>>();
  const downAt = Date.now();
  await stack.down(server);
  const outageEnds = Date.now() + OUTAGE_SECONDS * 1000;
  while (Date.now() < outageEnds) {
    for (const [name, down] of Object.entries(await readiness(services)))
      for (const check of down) reported.set(name, (reported.get(name) ?? new Set()).add(check));
    await sleep(500);
  }
  const restartFrom = Date.now();
  await stack.up(server);
  const upAt = Date.now();
  const during = load.attempts.filter((attempt) => attempt.at >= downAt && attempt.at <= upAt);
  const errors = { browse: 0, addToCart: 0, checkout: 0, removeFromCart: 0 };
  for (const attempt of during) if (!attempt.ok) errors[attempt.operation] += 1;

  let recoverySeconds: number | null = null;
  for (const deadline = upAt + RECOVERY_SECONDS * 1000; Date.now() < deadline;) {
    const states = await readiness(services);
    if (Object.values(states).every((down) => down.length === 0) && load.lastCheckoutOkAt > upAt) {
      recoverySeconds = Math.round((Date.now() - upAt) / 100) / 10;
      break;
    }
    await sleep(500);
  }
  const untilRecovered = recoverySeconds === null ? Date.now() : upAt + recoverySeconds * 1000;
  const errorSamples = [
    ...new Set(
      load.attempts
        .filter((attempt) => attempt.at >= downAt && attempt.at <= untilRecovered && attempt.error)
        // Trace ids differ per request: without them, one kind of error is one sample.
        .map((attempt) => `${attempt.operation}: ${attempt.error!.replace(/"traceId":"\w+",?/, '')}`),
    ),
  ].slice(0, 5);
  return {
    server,
    outageSeconds: Math.round((upAt - downAt) / 100) / 10,
    operations: during.length,
    errors,
    errorSamples,
    reportedDown: Object.fromEntries(
      [...reported].sort().map(([name, checks]) => [name, [...checks].sort()]),
    ),
    recoverySeconds,
    restartSeconds: Math.round((upAt - restartFrom) / 100) / 10,
    stoppedAt: new Date(downAt).toISOString(),
    restartedAt: new Date(upAt).toISOString(),
  };
}

async function query<T>(url: string, database: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const connection = await mysql.createConnection({ uri: url, database });
  try {
    const [rows] = await connection.query(sql, values);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

async function count(url: string, database: string, sql: string): Promise<number> {
  const [row] = await query<{ n: number }>(url, database, sql);
  return Number(row?.n ?? 0);
}

/** The outbox rows of these keys (aggregate ids): whether published, how often tried, the last error. */
async function outboxRows(url: string, database: string, keys: string[]): Promise<unknown[]> {
  if (keys.length === 0) return [];
  return query(
    url,
    database,
    'SELECT message_key, topic, published_at, attempts, last_error, JSON_VALUE(envelope, "$.type") AS type FROM outbox WHERE message_key IN (?)',
    [keys],
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  // Recovery times and error counts read against the machine's speed at that moment (a bare Fastify route).
  const bare = await measureFastifyBaseline({ connections: 50, durationSeconds: 5 });
  printBaseline(bare);
  const stackHome = process.env.STACK_HOME ?? join(__dirname, '..', '.stack');
  const home = join(stackHome, 'fault-stack');
  // What the services and the private servers wrote, kept after the run (the private STACK_HOME is removed).
  const logs = join(stackHome, 'fault-suite-logs');
  await rm(logs, { recursive: true, force: true });
  const keepLogs = { keepLogsIn: join(logs, 'servers') };
  console.log(`private servers under ${home}, logs in ${logs}…`);
  const stack = await startPrivateStack(home);
  Object.assign(process.env, stack.env);
  let platform: RunningPlatform | undefined;
  let load: MixedLoad | undefined;
  const broken: string[] = [];
  stopOnInterrupt('fault suite', async () => {
    await platform?.close().catch(() => undefined);
    await stack.close(keepLogs).catch(() => undefined);
  });
  try {
    platform = await startPlatform({
      orders: { SAGA_SWEEP_INTERVAL_MS: '2000' },
      logDir: join(logs, 'services'),
    });
    const { urls } = platform;
    const services = {
      catalog: urls.catalog,
      cart: urls.cart,
      inventory: urls.inventory,
      payments: urls.payments,
      orders: urls.orders,
      gateway: urls.gateway,
    };
    const market = new Marketplace(platform);
    const seller = await market.seller();
    const onHand = 1_000_000;
    const product = await market.product(seller, 1_000, onHand);
    const buyers = await market.buyers(BUYERS);
    load = new MixedLoad(platform, market, buyers, product);
    console.log(`load: ${BUYERS} buyers; outages of ${OUTAGE_SECONDS} s each: ${DRILL_SERVERS.join(', ')}`);
    load.start();
    await sleep(5000);
    const outages: OutageFigures[] = [];
    for (const server of DRILL_SERVERS) {
      const figures = await drill(server, stack, services, load);
      outages.push(figures);
      console.log(
        `${server.padEnd(8)} down ${figures.outageSeconds} s: ${figures.operations} operations, errors ${JSON.stringify(figures.errors)}; ` +
          `reported down: ${JSON.stringify(figures.reportedDown)}; recovered in ${figures.recoverySeconds ?? 'never'} s`,
      );
      if (figures.errorSamples.length > 0)
        console.log(`  errors: ${figures.errorSamples.join('\n          ')}`);
      const named = Object.values(figures.reportedDown).some((checks) =>
        checks.some((check) => CHECKS_OF[server].test(check)),
      );
      if (!named) broken.push(`no service reported ${server} down in its readiness`);
      if (figures.recoverySeconds === null)
        broken.push(`the platform did not recover from the ${server} outage`);
    }
    await load.stop();
    const unanswered = await load.drain(Date.now() + 90_000);
    if (unanswered.length > 0) broken.push(`checkouts never answered: ${unanswered.join(', ')}`);

    // Every accepted order exists once: one order per key, each readable, and no order the buyers were not told of.
    const orderIds = [...load.answered.values()].flatMap((ids) => [...ids]);
    for (const [key, ids] of load.answered)
      if (ids.size > 1) broken.push(`key ${key} answered ${[...ids].join(', ')}`);
    const mysqlUrl = stack.env.MYSQL_URL!;
    const databases = {
      orders: `e2e_orders_${platform.run}`,
      payments: `e2e_payments_${platform.run}`,
      inventory: `e2e_inventory_${platform.run}`,
    };
    const stored = await count(mysqlUrl, databases.orders, 'SELECT COUNT(*) AS n FROM buyer_orders');
    if (stored !== orderIds.length) broken.push(`${stored} buyer orders stored, ${orderIds.length} answered`);
    // Every accepted order gets paid (the test provider declines none of these amounts): a checkout the outage
    // interrupted is finished by the saga (its sweeper, payment events), not left waiting for its deadline.
    const unpaidSql =
      "SELECT id, status, saga_state, failure_reason, last_error, sweep_attempts, updated_at FROM buyer_orders WHERE status <> 'paid'";
    const settleBy = Date.now() + 60_000;
    let unpaid = await query(mysqlUrl, databases.orders, unpaidSql);
    if (unpaid.length > 0) console.log(`waiting up to 60 s for ${unpaid.length} accepted orders to be paid…`);
    while (unpaid.length > 0 && Date.now() < settleBy) {
      await sleep(1000);
      unpaid = await query(mysqlUrl, databases.orders, unpaidSql);
    }
    if (unpaid.length > 0) {
      const payments = await query(
        mysqlUrl,
        databases.payments,
        'SELECT buyer_order_id, status, failure_reason, updated_at FROM payments WHERE buyer_order_id IN (?)',
        [unpaid.map((order) => (order as { id: string }).id)],
      );
      broken.push(
        `${unpaid.length} accepted orders not paid within 60 s: ${JSON.stringify(unpaid).slice(0, 1500)}; their payments ${JSON.stringify(payments).slice(0, 1000)}`,
      );
    }
    const paid = await count(
      mysqlUrl,
      databases.orders,
      "SELECT COUNT(*) AS n FROM buyer_orders WHERE status = 'paid'",
    );
    // No payment charged twice.
    const doubleCharged = await count(
      mysqlUrl,
      databases.payments,
      "SELECT COUNT(*) AS n FROM (SELECT buyer_order_id FROM ledger_entries WHERE kind = 'charge' GROUP BY buyer_order_id HAVING COUNT(*) > 1) AS twice",
    );
    if (doubleCharged > 0) broken.push(`${doubleCharged} orders charged more than once`);
    const charged = await count(
      mysqlUrl,
      databases.payments,
      "SELECT COUNT(DISTINCT buyer_order_id) AS n FROM ledger_entries WHERE kind = 'charge'",
    );
    if (charged !== paid) broken.push(`${paid} paid orders, ${charged} charged`);

    // No event lost: every outbox drains; none applied twice: stock moved once per paid line, no reservation left.
    const settledBy = Date.now() + 90_000;
    for (const database of Object.values(databases))
      while (
        (await count(mysqlUrl, database, 'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL')) > 0
      ) {
        if (Date.now() > settledBy) {
          broken.push(`${database}: outbox not drained`);
          break;
        }
        await sleep(1000);
      }
    const sold = await count(
      mysqlUrl,
      databases.orders,
      "SELECT COALESCE(SUM(l.quantity), 0) AS n FROM order_lines l JOIN seller_orders s ON s.id = l.seller_order_id JOIN buyer_orders b ON b.id = s.buyer_order_id WHERE b.status = 'paid'",
    );
    seller.owner.token = await passwordToken(seller.owner.email, seller.owner.password);
    const level = await market.stock(product);
    if (level.onHand !== onHand - sold || level.reserved !== 0) {
      // Which reservations still hold stock (the orders not paid are listed above).
      const held = await query(
        mysqlUrl,
        databases.inventory,
        "SELECT id, status, `lines`, created_at, updated_at FROM reservations WHERE status = 'active'",
      );
      broken.push(
        `stock ${JSON.stringify(level)} after ${sold} sold of ${onHand}; active reservations ${JSON.stringify(held).slice(0, 1500)}`,
      );
    }
    const topic = await readTopic('orders.order.v1', (key) => orderIds.includes(key));
    try {
      const paidIds = new Set(orderIds);
      await topic
        .waitUntil(
          () =>
            [...paidIds].every((id) =>
              topic.envelopes.some((e) => e.key === id && e.type === 'order.placed'),
            ),
          'order.placed of every order',
          60_000,
        )
        .catch(async () => {
          const missing = [...paidIds].filter(
            (id) => !topic.envelopes.some((e) => e.key === id && e.type === 'order.placed'),
          );
          // Where each missing event stands in the orders outbox: never written, parked, or published but unread.
          const rows = await outboxRows(mysqlUrl, databases.orders, missing);
          broken.push(
            `${missing.length} order.placed events missing from Kafka (${topic.envelopes.length} read): ${JSON.stringify(rows).slice(0, 1000)}`,
          );
        });
      for (const id of paidIds) {
        const placed = new Set(
          topic.envelopes.filter((e) => e.key === id && e.type === 'order.placed').map((e) => e.id),
        );
        if (placed.size > 1) broken.push(`order ${id}: ${placed.size} distinct order.placed events`);
      }
    } finally {
      await topic.stop();
    }
    // An event no consumer could handle is an event lost to its subscribers: outages must only delay events.
    const deadLetters = await readDeadLetters();
    if (Object.keys(deadLetters.counts).length > 0)
      broken.push(
        `events dead-lettered: ${JSON.stringify(deadLetters.counts)}; ${JSON.stringify(deadLetters.samples).slice(0, 1500)}`,
      );
    const finalReadiness = await readiness(services);
    for (const [name, down] of Object.entries(finalReadiness))
      if (down.length > 0) broken.push(`${name} not ready at the end: ${down.join(', ')}`);

    const results = {
      date: new Date().toISOString(),
      buyers: BUYERS,
      outageSecondsTarget: OUTAGE_SECONDS,
      operations: load.attempts.length,
      orders: orderIds.length,
      paid,
      sold,
      deadLettered: deadLetters.counts,
      outages,
      broken,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      baseline: bare,
    };
    await mkdir(join(__dirname, 'results'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `${orderIds.length} orders (${paid} paid), ${load.attempts.length} operations; results in ${RESULTS}`,
    );
  } catch (error) {
    // E.g. a private server that did not come back: reported with the logs' folder like any other failure.
    broken.push(
      `the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(
        0,
        3000,
      ),
    );
  } finally {
    // The buyers' loops would keep the process alive (and keep calling a closed gateway) after a failure.
    await load?.stop();
    await platform?.close().catch((error: unknown) => console.error('closing the platform failed:', error));
    await stack.close(keepLogs);
  }
  if (broken.length > 0) {
    console.error(`fault suite: ${broken.length} failed\n  ${broken.join('\n  ')}`);
    console.error(`the services' and private servers' logs: ${logs}`);
    process.exitCode = 1;
  } else console.log('fault suite: 1 passed');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
