/**
 * The buyer product list (20 products with their variants and prices) through the API gateway, at 50
 * connections for ~20 s. Measures the catalog of `npm start` (which seeds demo products) when it answers at
 * CATALOG_URL; otherwise starts a platform of its own with the e2e harness and seeds 24 products of two sellers
 * with four size variants each (the demo catalog's shape); BENCH_OWN_PLATFORM=1 does so even when one answers.
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
 * BENCH_CONNECTIONS (50), BENCH_FIRST (20), BENCH_CPU_PROFILE (a label: CPU-profile the gateway and catalog the
 * bench starts, see lib/profiling.ts). The processes the bench starts sample their memory (lib/memory.ts): each
 * run's peak RSS comes with its heap / external / other breakdown. Writes bench/results/gateway-products.json.
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
import {
  memorySampling,
  nodeOptionsWithPreloads,
  removeMemorySamples,
  type MemorySampling,
} from './lib/memory';
import { profilingFromEnv, type ProfileRequest } from './lib/profiling';
import { dataOf, Marketplace, startPlatform, type RunningPlatform } from '../platform/e2e/src';

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
const SIZES = ['S', 'M', 'L', 'XL'];
const CREATE_PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const PUBLISH_PRODUCT = `mutation($id: ID!) { publishProduct(id: $id) { id } }`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: FIRST }, operationName: 'BuyerProducts' });

interface ProductsAnswer {
  data?: { products?: { nodes: { variants: unknown[] }[] } };
  errors?: { message: string }[];
}

async function main(): Promise<void> {
  const profiling = profilingFromEnv();
  const memory = memorySampling();
  // Every service the bench starts samples its memory (lib/memory.ts); profiled ones also answer the profiler.
  const serviceEnv = {
    ...profiling?.env,
    ...memory.env,
    NODE_OPTIONS: nodeOptionsWithPreloads([...(profiling ? [profiling.preload] : []), memory.preload]),
  };
  const external = process.env.BENCH_GATEWAY_URL?.replace(/\/$/, '');
  let platform: RunningPlatform | undefined;
  let catalogUrl = CATALOG_URL;
  if (process.env.BENCH_OWN_PLATFORM === '1' || !(await reachable(`${CATALOG_URL}/health/live`))) {
    if (
      process.env.BENCH_OWN_PLATFORM !== '1' &&
      (external !== undefined || process.env.CATALOG_URL !== undefined)
    )
      throw new BenchRefused(
        `The catalog service does not answer at ${CATALOG_URL}. Start the platform first: npm start`,
      );
    console.log(`starting a platform of the bench's own and seeding it…`);
    platform = await startPlatform({ services: serviceEnv });
    catalogUrl = platform.urls.catalog;
  }
  try {
    if (platform) await seedProducts(platform);
    const baseline = await measureFastifyBaseline({ connections: CONNECTIONS });
    printBaseline(baseline);
    const runs: Record<string, object> = {};
    let shape: object = {};
    if (external !== undefined) {
      const result = await run(external, catalogUrl, undefined, undefined, memory);
      shape = result.shape;
      runs.external = result.load;
      printFigures(`buyer product list through ${external}:`, result.load, baseline);
    } else {
      for (const mode of GATEWAY_MODES) {
        const gateway = await startBenchGateway(`catalog=${catalogUrl}`, { ...mode.env, ...serviceEnv });
        try {
          // The profile is of the run that shows the engine: the response cache off.
          const profile =
            profiling && mode.name === 'response cache off'
              ? {
                  profiling,
                  bench: 'gateway-products',
                  context: `BuyerProducts(first: ${FIRST}), ${mode.name}, c=${CONNECTIONS}, ${DURATION_S} s`,
                  // Only processes started with the profiling preload (the rest would not answer the signal).
                  names: platform ? ['gateway', 'catalog'] : ['gateway'],
                }
              : undefined;
          const result = await run(gateway.url, catalogUrl, gateway.child.pid, profile, memory);
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
      upstream: platform ? 'a catalog the bench started and seeded (24 products × 4 variants)' : catalogUrl,
      gateway: external
        ? `external ${external}`
        : 'started by the bench (rate limiter on, anonymous limit raised)',
      query: `BuyerProducts(first: ${FIRST})`,
      ...shape,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      runs,
    });
  } finally {
    await platform?.close();
    removeMemorySamples(memory);
  }
}

/** 24 published products of two sellers, four size variants each, as the demo catalog has them. */
async function seedProducts(platform: RunningPlatform): Promise<void> {
  const market = new Marketplace(platform);
  const sellers = await Promise.all([market.seller(), market.seller()]);
  await Promise.all(
    sellers.map(async (seller, sellerIndex) => {
      for (let index = 0; index < 12; index++) {
        const base = `BENCH-${sellerIndex}-${index}-${Date.now().toString(36)}`.toUpperCase();
        const created = dataOf(
          await platform.gql<{ createProduct: { id: string } }>(
            CREATE_PRODUCT,
            {
              input: {
                title: `Bench shirt ${base}`,
                description: 'A product of the product list bench',
                currency: 'EUR',
                attributes: [{ name: 'color', value: 'blue' }],
                options: [{ name: 'size', values: SIZES }],
                variants: SIZES.map((size, position) => ({
                  sku: `${base}-${size}`,
                  optionValues: [{ name: 'size', value: size }],
                  priceMinor: 2_000 + position * 500 + index * 100,
                  compareAtMinor: index === 0 ? 4_000 : null,
                })),
              },
            },
            seller.owner.token,
          ),
          'createProduct',
        ).createProduct;
        dataOf(await platform.gql(PUBLISH_PRODUCT, { id: created.id }, seller.owner.token), 'publishProduct');
      }
    }),
  );
}

async function run(
  gatewayUrl: string,
  catalogUrl: string,
  gatewayPid: number | undefined,
  profile: (Omit<ProfileRequest, 'processes'> & { names: string[] }) | undefined,
  memory: MemorySampling,
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
    catalog: catalogUrl,
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
    memory,
    ...(profile
      ? {
          profile: {
            ...profile,
            processes: Object.fromEntries(profile.names.map((name) => [name, processes[name]])),
          },
        }
      : {}),
  });
  return { shape: { productsPerResponse: nodes.length, variantsPerResponse: variants }, load };
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchRefused ? error.message : error);
  process.exitCode = 1;
});
