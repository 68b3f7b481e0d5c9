/**
 * Two-seller cart checkouts through the API gateway at 10, 50 and 100 concurrent buyers: orders/s and checkout
 * latency p50/p95, plus the outbox relay lag (event occurredAt → Kafka broker timestamp) of the orders' events.
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench checkout
 *
 * Needs the local servers (`platform/stack/stack up`), not `npm start`: the bench starts its own platform with the
 * e2e harness (catalog, cart, inventory, payments with the test provider, orders, gateway) on random loopback
 * ports with databases of its own, seeds two sellers, and removes everything afterwards. Each buyer is a real
 * Keycloak user; a round is: put one product of each seller in the cart (not timed), check out (timed).
 *
 * Each level also prints the CPU milliseconds each service process spent per paid order (the whole round: cart
 * fill and checkout; the gateway runs inside this process, beside the load, and is not counted).
 *
 * Env: BENCH_LEVELS (10,50,100), BENCH_LEVEL_SECONDS (10, at most 60), BENCH_CPU_PROFILE (a label: CPU-profile
 * catalog, cart, inventory, payments and orders over the last level and count their SQL statements and HTTP calls,
 * see lib/profiling.ts), BENCH_LOG_DIR (a folder: each service's output goes to `<service>.log` there, to see why
 * checkouts failed). Writes bench/results/checkout.json, keeping its `before` entry.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { measureFastifyBaseline, printBaseline, shareOfBaseline } from './lib/baseline';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { cpuMsPerRequestOf, cpuSecondsOf, platformProcesses } from './lib/load';
import { profilingFromEnv, startProfiles, stopProfiles } from './lib/profiling';
import {
  Marketplace,
  percentile,
  readTopic,
  startPlatform,
  unreachableServers,
  type StockedProduct,
  type TestUser,
} from '../platform/e2e/src';

const LEVELS = (process.env.BENCH_LEVELS ?? '10,50,100')
  .split(',')
  .map(Number)
  .filter((level) => Number.isInteger(level) && level > 0 && level <= 200);
const LEVEL_SECONDS = Math.min(Math.max(Number(process.env.BENCH_LEVEL_SECONDS ?? 10), 1), 60);
const RESULTS = join(__dirname, 'results', 'checkout.json');

interface LevelFigures {
  concurrentBuyers: number;
  orders: number;
  failed: number;
  /** Refusal messages of the failed checkouts, counted. */
  failures: Record<string, number>;
  seconds: number;
  ordersPerSecond: number;
  latencyMs: { p50?: number; p95?: number; max?: number };
  cpuMsPerOrder?: Record<string, number>;
  loadAverage?: number[];
}

async function main(): Promise<void> {
  const missing = await unreachableServers();
  if (missing.length > 0) {
    console.error(
      `The local servers are not reachable: ${missing.join(', ')}. Start them: platform/stack/stack up`,
    );
    process.exitCode = 2;
    return;
  }
  console.log('starting the platform (catalog, cart, inventory, payments, orders, gateway)…');
  const profiling = profilingFromEnv();
  const logDir = process.env.BENCH_LOG_DIR;
  const platform = await startPlatform({ services: profiling?.env ?? {}, ...(logDir ? { logDir } : {}) });
  const { catalog, cart, inventory, payments, orders } = platform.urls;
  const services = platformProcesses({ catalog, cart, inventory, payments, orders });
  const processes = {
    ...services,
    ...platformProcesses({
      redis: (process.env.REDIS_URL ?? 'redis://127.0.0.1:16379').replace(/^redis/, 'http'),
    }),
  };
  try {
    const market = new Marketplace(platform);
    const [sellerA, sellerB] = await Promise.all([market.seller(), market.seller()]);
    const products = await Promise.all([
      market.product(sellerA, 2_500, 1_000_000),
      market.product(sellerB, 1_200, 1_000_000),
    ]);
    const buyers = await market.buyers(Math.max(...LEVELS));
    console.log(`seeded 2 sellers and ${buyers.length} buyers; ${LEVEL_SECONDS} s per level`);
    const baseline = await measureFastifyBaseline({ connections: Math.max(...LEVELS) });
    printBaseline(baseline);

    const orderIds: string[] = [];
    const figures: LevelFigures[] = [];
    for (const [index, level] of LEVELS.entries()) {
      const profiled = profiling !== undefined && index === LEVELS.length - 1;
      if (profiled) startProfiles(services);
      const cpuBefore = cpuSecondsOf(processes);
      const result = await runLevel(market, products, buyers.slice(0, level), orderIds);
      result.cpuMsPerOrder = cpuMsPerRequestOf(cpuBefore, cpuSecondsOf(processes), result.orders);
      result.loadAverage = loadavg().map((value) => Math.round(value * 100) / 100);
      if (profiled)
        await stopProfiles(
          profiling,
          'checkout',
          services,
          result.orders,
          `two-seller cart fill + checkout rounds, ${level} buyers, ${LEVEL_SECONDS} s; "req" = paid order`,
        );
      figures.push(result);
      console.log(
        `${String(level).padStart(3)} buyers: ${result.orders} orders in ${result.seconds} s = ${result.ordersPerSecond} orders/s, ` +
          `p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, failed ${result.failed}`,
      );
      console.log(`      = ${shareOfBaseline(result.ordersPerSecond, baseline)}`);
      console.log(
        `      CPU ms per paid order: ${Object.entries(result.cpuMsPerOrder)
          .map(([name, value]) => `${name} ${value}`)
          .join(', ')}; load average ${result.loadAverage.join(' ')}`,
      );
      for (const [reason, count] of Object.entries(result.failures)) console.log(`      ${count}× ${reason}`);
    }

    const relayLagMs = await relayLag(orderIds);
    if (relayLagMs.events > 0)
      console.log(
        `outbox relay lag (occurredAt → Kafka timestamp) over ${relayLagMs.events} events: p50 ${relayLagMs.p50} ms, p99 ${relayLagMs.p99} ms`,
      );
    await mkdir(join(__dirname, 'results'), { recursive: true });
    // The figures a change started from stay beside the new ones (issue #12 reports before and after).
    const before = await previousBefore();
    await writeFile(
      RESULTS,
      `${JSON.stringify({ at: new Date().toISOString(), baseline, levelSeconds: LEVEL_SECONDS, levels: figures, relayLagMs, ...(before ? { before } : {}) }, null, 2)}\n`,
    );
    console.log(`wrote ${RESULTS}`);
  } finally {
    await platform.close();
  }
}

async function runLevel(
  market: Marketplace,
  products: StockedProduct[],
  buyers: TestUser[],
  orderIds: string[],
): Promise<LevelFigures> {
  const latencies: number[] = [];
  let failed = 0;
  const failures: Record<string, number> = {};
  const started = Date.now();
  const deadline = started + LEVEL_SECONDS * 1000;
  await Promise.all(
    buyers.map(async (buyer) => {
      while (Date.now() < deadline) {
        try {
          await market.fillCart(
            buyer.token,
            products.map((product) => [product, 1]),
          );
        } catch (error) {
          failed++;
          const reason = `addToCart: ${(error instanceof Error ? error.message : String(error)).slice(0, 160)}`;
          failures[reason] = (failures[reason] ?? 0) + 1;
          continue;
        }
        const before = performance.now();
        const answer = await market.checkout(buyer.token);
        const elapsed = performance.now() - before;
        if (answer.data?.checkout.status === 'paid') {
          latencies.push(elapsed);
          orderIds.push(answer.data.checkout.id);
        } else {
          failed++;
          const reason = answer.errors?.[0]
            ? `${answer.errors[0].extensions?.code ?? 'ERROR'}${serviceOf(answer.errors[0].extensions)}: ${answer.errors[0].message.slice(0, 120)}`
            : `status ${answer.data?.checkout.status ?? 'none'}`;
          failures[reason] = (failures[reason] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return {
    concurrentBuyers: buyers.length,
    orders: latencies.length,
    failed,
    failures,
    seconds: round(seconds),
    ordersPerSecond: round(latencies.length / seconds),
    latencyMs: {
      p50: roundOrUndefined(percentile(latencies, 50)),
      p95: roundOrUndefined(percentile(latencies, 95)),
      max: roundOrUndefined(percentile(latencies, 100)),
    },
  };
}

/** How long committed order events waited in the outbox: broker timestamp minus the event's occurredAt. */
async function relayLag(orderIds: string[]): Promise<{ events: number; p50?: number; p99?: number }> {
  const wanted = new Set(orderIds);
  const topic = await readTopic('orders.order.v1', (key) => wanted.has(key));
  try {
    const expected = orderIds.length * 2; // order.placed and order.paid per paid order
    await topic
      .waitUntil((envelopes) => envelopes.length >= expected, `${expected} order events`, 30_000)
      .catch((error: unknown) => console.warn(`relay lag from a partial read: ${String(error)}`));
    const lags = topic.envelopes.map((envelope) => envelope.kafkaTimestamp - Date.parse(envelope.occurredAt));
    return {
      events: lags.length,
      p50: roundOrUndefined(percentile(lags, 50)),
      p99: roundOrUndefined(percentile(lags, 99)),
    };
  } finally {
    await topic.stop();
  }
}

/** The `before` entry of the results file this run replaces, if it has one. */
async function previousBefore(): Promise<unknown> {
  try {
    return (JSON.parse(await readFile(RESULTS, 'utf8')) as { before?: unknown }).before;
  } catch {
    return undefined;
  }
}

/** " (orders)": the service a masked error came from, when the gateway names it. */
const serviceOf = (extensions: object | undefined) => {
  const name = (extensions as { serviceName?: unknown } | undefined)?.serviceName;
  return typeof name === 'string' ? ` (${name})` : '';
};
const round = (value: number) => Math.round(value * 10) / 10;
const roundOrUndefined = (value: number | undefined) => (value === undefined ? undefined : round(value));

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
