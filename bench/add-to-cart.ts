/**
 * Add-to-cart through the API gateway at 50 connections: req/s and latency p50/p99. Each connection is a
 * signed-in buyer of its own adding one unit at a time, cycling through 40 products of two sellers (the cart
 * service asks the real catalog for the product's current price on every add).
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench add-to-cart
 *
 * Needs the local servers (`platform/stack/stack up`), not `npm start`: the bench starts its own platform with the
 * e2e harness on random loopback ports with stores of its own, and removes them afterwards. Signed-in buyers,
 * because the gateway forwards only identity and trace headers, not the anonymous cart's `x-cart-token`.
 *
 * The gateway runs in a process of its own (as deployed), not in the bench's: its CPU time per request is then
 * its own, not the load generator's.
 *
 * Env: BENCH_DURATION_S (20, at most 60), BENCH_CONNECTIONS (50, at most 200), BENCH_CPU_PROFILE (a label:
 * CPU-profile gateway, cart and catalog, see lib/profiling.ts). Writes bench/results/add-to-cart.json.
 */
import autocannon from 'autocannon';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { measureFastifyBaseline, printBaseline, shareOfBaseline } from './lib/baseline';
import { cpuMsPerRequestOf, cpuSecondsOf, platformProcesses, startBenchGateway } from './lib/load';
import { profilingFromEnv, startProfiles, stopProfiles } from './lib/profiling';
import { ADD_TO_CART, Marketplace, percentile, startPlatform, unreachableServers } from '../platform/e2e/src';

const DURATION_S = Math.min(Math.max(Number(process.env.BENCH_DURATION_S ?? 20), 1), 60);
const CONNECTIONS = Math.min(Math.max(Number(process.env.BENCH_CONNECTIONS ?? 50), 1), 200);
const PRODUCTS_PER_SELLER = 20;
const RESULTS = join(__dirname, 'results', 'add-to-cart.json');

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
  const platform = await startPlatform({ services: profiling?.env ?? {} });
  const { catalog, cart, inventory, payments, orders } = platform.urls;
  const gateway = await startBenchGateway(
    Object.entries({ catalog, cart, inventory, payments, orders })
      .map(([name, url]) => `${name}=${url}`)
      .join(','),
    {
      ...profiling?.env,
      RESPONSE_CACHE_TTL_MS: '0',
      // Every connection is a buyer of its own on one loopback address: the limits are the gateway's tests' concern.
      RATE_LIMIT_TENANT: '1000000000',
      RATE_LIMIT_USER: '1000000000',
      SUBGRAPH_TIMEOUT_MS: '30000',
    },
  ).catch(async (error: unknown) => {
    await platform.close();
    throw error;
  });
  try {
    const market = new Marketplace(platform);
    const sellers = await Promise.all([market.seller(), market.seller()]);
    const products = (
      await Promise.all(
        sellers.map((seller) =>
          Promise.all(
            Array.from({ length: PRODUCTS_PER_SELLER }, (_, index) =>
              market.product(seller, 1_000 + index, 1_000),
            ),
          ),
        ),
      )
    ).flat();
    const buyers = await market.buyers(CONNECTIONS);
    const bodies = products.map((product) =>
      JSON.stringify({
        query: ADD_TO_CART,
        variables: { variant: { productId: product.productId, sku: product.sku }, quantity: 1 },
      }),
    );
    console.log(
      `seeded ${products.length} products and ${buyers.length} buyers; ${DURATION_S} s at ${CONNECTIONS} connections`,
    );

    const baseline = await measureFastifyBaseline({ connections: CONNECTIONS });
    printBaseline(baseline);
    const url = `${gateway.url}/graphql`;
    const processes: Record<string, number | undefined> = {
      ...platformProcesses({
        catalog,
        cart,
        inventory,
        redis: (process.env.REDIS_URL ?? 'redis://127.0.0.1:16379').replace(/^redis/, 'http'),
      }),
      gateway: gateway.child.pid,
    };
    const profiled = { gateway: processes.gateway, cart: processes.cart, catalog: processes.catalog };
    const headersOf = (index: number) => ({
      'content-type': 'application/json',
      authorization: `Bearer ${buyers[index % buyers.length]!.token}`,
    });
    // Warm-up: JIT, connection pools, the gateway's query plan cache. One buyer adding the 40 products in turn, so
    // no line reaches its quantity cap before the measured run.
    let warmUpNext = 0;
    await autocannon({
      url,
      method: 'POST',
      headers: headersOf(0),
      connections: 5,
      duration: 2,
      requests: [
        { setupRequest: (request) => ({ ...request, body: bodies[warmUpNext++ % bodies.length]! }) },
      ],
    });

    if (profiling) startProfiles(profiled);
    const cpuBefore = cpuSecondsOf(processes);
    let connection = 0;
    let graphqlErrors = 0;
    let firstError: string | undefined;
    const latencies: number[] = [];
    const result = await autocannon({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      duration: DURATION_S,
      timeout: 10,
      headers: headersOf(0),
      body: bodies[0],
      setupClient: (client) => {
        // One buyer per connection; each add moves on to the next product, so no line nears its quantity cap.
        const buyer = connection++;
        let next = buyer % bodies.length;
        client.setHeadersAndBody(headersOf(buyer), bodies[next]);
        client.on('body', (body: Buffer) => {
          if (!body.includes('"errors"')) return;
          graphqlErrors++;
          firstError ??= body.toString().slice(0, 300);
        });
        client.on('response', (_status: number, _bytes: number, responseTime: number) => {
          latencies.push(responseTime);
          next = (next + 1) % bodies.length;
          client.setBody(bodies[next]!);
        });
      },
    });

    const cpuMsPerRequest = cpuMsPerRequestOf(cpuBefore, cpuSecondsOf(processes), result.requests.total);
    const loadAverage = loadavg().map((value) => Math.round(value * 100) / 100);
    if (profiling)
      await stopProfiles(
        profiling,
        'add-to-cart',
        profiled,
        result.requests.total,
        `addToCart through the gateway, c=${CONNECTIONS}, ${DURATION_S} s`,
      );
    const figures = {
      at: new Date().toISOString(),
      baseline,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      non2xx: result.non2xx,
      graphqlErrors,
      firstError,
      timeouts: result.timeouts,
      latencyMs: {
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        max: round(percentile(latencies, 100)),
      },
      cpuMsPerRequest,
      loadAverage,
    };
    console.log(
      `add-to-cart: ${figures.requestsPerSecond} req/s, p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms ` +
        `(${figures.requests} requests, non-2xx ${figures.non2xx}, GraphQL errors ${graphqlErrors}, timeouts ${figures.timeouts})`,
    );
    console.log(`= ${shareOfBaseline(figures.requestsPerSecond, baseline)}`);
    console.log(
      `CPU ms per request: ${Object.entries(cpuMsPerRequest)
        .map(([name, value]) => `${name} ${value}`)
        .join(', ')}; load average ${loadAverage.join(' ')}`,
    );
    await mkdir(join(__dirname, 'results'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
    if (firstError) console.log(`first GraphQL error: ${firstError}`);
    console.log(`wrote ${RESULTS}`);
  } finally {
    await gateway.stop();
    await platform.close();
  }
}

const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 10) / 10);

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
