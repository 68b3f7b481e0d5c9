/**
 * The buyer product list (20 products with their variants and prices) through the API gateway, at 50
 * connections for ~20 s. Needs the catalog service running (`npm start`, which also seeds demo products).
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench gateway-products
 *
 * By default the bench starts its own gateway process over the running catalog, twice: as deployed (response
 * cache on) and with the response cache off (RESPONSE_CACHE_TTL_MS=0), each with the anonymous rate
 * limit raised out of the way (the limiter still runs: every request makes its Redis round trip), so the
 * figures measure the gateway rather than refusals. Set BENCH_GATEWAY_URL to measure a gateway you run
 * yourself instead (its 429s then show up as non-2xx).
 *
 * Env: CATALOG_URL (default http://127.0.0.1:4102), BENCH_GATEWAY_URL, BENCH_DURATION_S (20),
 * BENCH_CONNECTIONS (50), BENCH_FIRST (20). Writes bench/results/gateway-products.json.
 */
import {
  BenchRefused,
  GATEWAY_MODES,
  measureLoad,
  platformProcesses,
  printFigures,
  reachable,
  startBenchGateway,
  writeResults,
  type LoadFigures,
} from './lib/load';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';

const CATALOG_URL = (process.env.CATALOG_URL ?? 'http://127.0.0.1:4102').replace(/\/$/, '');
const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 20), 120);
const CONNECTIONS = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 50), 500);
const FIRST = Number(process.env.BENCH_FIRST ?? 20);

const QUERY = `query BuyerProducts($first: Int!) {
  products(first: $first) {
    nodes { id slug title currency minPrice maxPrice inStock
        seller { id }
        variants { id sku priceMinor compareAtMinor optionValues { name value } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: FIRST }, operationName: 'BuyerProducts' });

interface ProductsAnswer {
  data?: { products?: { nodes: { variants: unknown[] }[] } };
  errors?: { message: string }[];
}

async function main(): Promise<void> {
  if (!(await reachable(`${CATALOG_URL}/health/live`))) {
    throw new BenchRefused(
      `The catalog service does not answer at ${CATALOG_URL}. Start the platform first: npm start`,
    );
  }
  const external = process.env.BENCH_GATEWAY_URL?.replace(/\/$/, '');
  const baseline = await measureFastifyBaseline({ connections: CONNECTIONS });
  printBaseline(baseline);
  const runs: Record<string, object> = {};
  let shape: object = {};
  if (external !== undefined) {
    const result = await run(external, undefined);
    shape = result.shape;
    runs.external = result.load;
    printFigures(`buyer product list through ${external}:`, result.load, baseline);
  } else {
    for (const mode of GATEWAY_MODES) {
      const gateway = await startBenchGateway(`catalog=${CATALOG_URL}`, mode.env);
      try {
        const result = await run(gateway.url, gateway.child.pid);
        shape = result.shape;
        runs[mode.name] = result.load;
        printFigures(`buyer product list through the gateway, ${mode.name}:`, result.load, baseline);
      } finally {
        await gateway.stop();
      }
    }
  }
  await writeResults('gateway-products', {
    date: new Date().toISOString(),
    baseline,
    upstream: CATALOG_URL,
    gateway: external
      ? `external ${external}`
      : 'started by the bench (rate limiter on, anonymous limit raised)',
    query: `BuyerProducts(first: ${FIRST})`,
    ...shape,
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    runs,
  });
}

async function run(
  gatewayUrl: string,
  gatewayPid: number | undefined,
): Promise<{ shape: object; load: LoadFigures }> {
  const probe = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  const answer = (await probe.json()) as ProductsAnswer;
  const nodes = answer.data?.products?.nodes;
  if (probe.status !== 200 || answer.errors || !nodes) {
    throw new BenchRefused(
      `The product list query failed through ${gatewayUrl} (HTTP ${probe.status}): ${JSON.stringify(answer.errors ?? answer)}`,
    );
  }
  const variants = nodes.reduce((sum, node) => sum + node.variants.length, 0);
  console.log(
    `query returns ${nodes.length} products with ${variants} variants (${Buffer.byteLength(JSON.stringify(answer))} bytes)`,
  );
  if (nodes.length < FIRST)
    console.log(`note: fewer than ${FIRST} published products; npm start seeds the demo catalog`);

  const processes = platformProcesses({
    gateway: gatewayUrl,
    catalog: CATALOG_URL,
    mongodb: (process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:37017').replace(/^mongodb/, 'http'),
    redis: (process.env.REDIS_URL ?? 'redis://127.0.0.1:16379').replace(/^redis/, 'http'),
  });
  if (gatewayPid !== undefined) processes.gateway = gatewayPid;
  const load = await measureLoad({
    url: `${gatewayUrl}/graphql`,
    bodies: [BODY],
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    processes,
  });
  return { shape: { productsPerResponse: nodes.length, variantsPerResponse: variants }, load };
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchRefused ? error.message : error);
  process.exitCode = 1;
});
