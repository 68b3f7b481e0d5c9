/**
 * The buyer product list (20 products with their variants and prices) through the API gateway, at 50
 * connections for ~20 s. Needs the catalog service running (`npm start`, which also seeds demo products).
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench gateway-products
 *
 * By default the bench starts its own gateway process over the running catalog, with the anonymous rate
 * limit raised out of the way (the limiter still runs: every request makes its Redis round trip), so the
 * figures measure the gateway rather than refusals. Set BENCH_GATEWAY_URL to measure a gateway you run
 * yourself instead (its 429s then show up as non-2xx).
 *
 * Env: CATALOG_URL (default http://127.0.0.1:4102), BENCH_GATEWAY_URL, BENCH_DURATION_S (20),
 * BENCH_CONNECTIONS (50), BENCH_FIRST (20). Writes bench/results/gateway-products.json.
 */
import autocannon from 'autocannon';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

const CATALOG_URL = (process.env.CATALOG_URL ?? 'http://127.0.0.1:4102').replace(/\/$/, '');
const DURATION_S = Math.min(Number(process.env.BENCH_DURATION_S ?? 20), 120);
const CONNECTIONS = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 50), 500);
const FIRST = Number(process.env.BENCH_FIRST ?? 20);
const REPO_ROOT = join(__dirname, '..');

const QUERY = `query BuyerProducts($first: Int!) {
  products(first: $first) {
    edges {
      node {
        id slug title currency minPrice maxPrice inStock
        seller { id }
        variants { id sku priceMinor compareAtMinor optionValues { name value } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: FIRST }, operationName: 'BuyerProducts' });

interface ProductsAnswer {
  data?: { products?: { edges: { node: { variants: unknown[] } }[] } };
  errors?: { message: string }[];
}

async function main(): Promise<void> {
  if (!(await reachable(`${CATALOG_URL}/health/live`))) {
    throw new BenchRefused(
      `The catalog service does not answer at ${CATALOG_URL}. Start the platform first: npm start`,
    );
  }
  let gateway: ChildProcess | undefined;
  let gatewayUrl = process.env.BENCH_GATEWAY_URL?.replace(/\/$/, '');
  if (gatewayUrl === undefined) {
    const started = await startBenchGateway();
    gateway = started.child;
    gatewayUrl = started.url;
  }
  try {
    await run(gatewayUrl, gateway?.pid);
  } finally {
    gateway?.kill('SIGTERM');
  }
}

async function run(gatewayUrl: string, gatewayPid: number | undefined): Promise<void> {
  const probe = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  const answer = (await probe.json()) as ProductsAnswer;
  const edges = answer.data?.products?.edges;
  if (probe.status !== 200 || answer.errors || !edges) {
    throw new BenchRefused(
      `The product list query failed through ${gatewayUrl} (HTTP ${probe.status}): ${JSON.stringify(answer.errors ?? answer)}`,
    );
  }
  const variants = edges.reduce((sum, edge) => sum + edge.node.variants.length, 0);
  console.log(
    `query returns ${edges.length} products with ${variants} variants (${Buffer.byteLength(JSON.stringify(answer))} bytes)`,
  );
  if (edges.length < FIRST)
    console.log(`note: fewer than ${FIRST} published products; npm start seeds the demo catalog`);

  const processes = {
    gateway: gatewayPid ?? pidListeningOn(new URL(gatewayUrl).port || '80'),
    catalog: pidListeningOn(new URL(CATALOG_URL).port || '80'),
    mongodb: pidListeningOn(new URL(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:37017').port),
    redis: pidListeningOn(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:16379').port),
  };
  const peakRss: Record<string, number> = {};
  const sampleRss = () => {
    for (const [name, pid] of Object.entries(processes)) {
      const rss = pid === undefined ? undefined : rssBytes(pid);
      if (rss !== undefined) peakRss[name] = Math.max(peakRss[name] ?? 0, rss);
    }
  };
  sampleRss();
  const sampler = setInterval(sampleRss, 1000);

  // Warm-up: JIT, connection pools, the gateway's query plan cache.
  await autocannon({
    url: `${gatewayUrl}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: 10,
    duration: 3,
  });

  const cpuBefore = cpuSecondsOf(processes);
  const latencies: number[] = [];
  const result = await autocannon({
    url: `${gatewayUrl}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 10,
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, responseTime: number) =>
        latencies.push(responseTime),
      );
    },
  });
  clearInterval(sampler);
  sampleRss();
  const cpuAfter = cpuSecondsOf(processes);
  // CPU time per request does not depend on what else the machine runs, unlike req/s on a shared box.
  const cpuMsPerRequest = Object.fromEntries(
    Object.keys(cpuAfter).flatMap((name) => {
      const before = cpuBefore[name];
      const after = cpuAfter[name];
      return before === undefined || after === undefined || result.requests.total === 0
        ? []
        : [[name, round(((after - before) * 1000) / result.requests.total)]];
    }),
  );

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN);
  const figures = {
    date: new Date().toISOString(),
    target: `${gatewayUrl}/graphql`,
    upstream: CATALOG_URL,
    gateway: process.env.BENCH_GATEWAY_URL
      ? 'external'
      : 'started by the bench (rate limiter on, anonymous limit raised)',
    query: `BuyerProducts(first: ${FIRST})`,
    productsPerResponse: edges.length,
    variantsPerResponse: variants,
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latencyMs: {
      p50: percentile(50),
      p95: percentile(95),
      p99: percentile(99),
      max: round(result.latency.max),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuMsPerRequest,
    peakRssMiB: Object.fromEntries(
      Object.entries(peakRss).map(([name, bytes]) => [name, round(bytes / 1024 / 1024)]),
    ),
    cpus: (await import('node:os')).cpus().length,
  };
  console.log(
    `${figures.requestsPerSecond} req/s, p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms, p99 ${figures.latencyMs.p99} ms, ` +
      `${figures.non2xx} non-2xx, ${figures.errors} errors`,
  );
  console.log(
    `CPU ms per request: ${Object.entries(cpuMsPerRequest)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ')}`,
  );
  console.log(
    `peak RSS (MiB): ${Object.entries(figures.peakRssMiB)
      .map(([name, mib]) => `${name} ${mib}`)
      .join(', ')}`,
  );
  const results = join(__dirname, 'results');
  await mkdir(results, { recursive: true });
  await writeFile(join(results, 'gateway-products.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`written to bench/results/gateway-products.json`);
}

async function startBenchGateway(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: join(REPO_ROOT, 'platform', 'gateway'),
    env: {
      ...process.env,
      GATEWAY_PORT: String(port),
      SUBGRAPHS: `catalog=${CATALOG_URL}`,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ANONYMOUS: '1000000000',
      RATE_LIMIT_KEY_PREFIX: `bench:gateway:${process.pid}:${Date.now()}`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The bench gateway exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGTERM');
  throw new Error('The bench gateway did not become ready within 60 s');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function reachable(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(3000) }).then(
    (response) => response.ok,
    () => false,
  );
}

/** The process listening on a loopback TCP port, from `ss` (Linux); undefined when it cannot be told. */
function pidListeningOn(port: string): number | undefined {
  try {
    const output = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const match = /pid=(\d+)/.exec(output);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function rssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds each process has used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSecondsOf(processes: Record<string, number | undefined>): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [name, pid] of Object.entries(processes)) {
    if (pid === undefined) continue;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      seconds[name] = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process is gone or not readable: no figure for it.
    }
  }
  return seconds;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A precondition of the bench is not met: said in one line, without a stack trace. */
class BenchRefused extends Error {}

main().catch((error: unknown) => {
  console.error(error instanceof BenchRefused ? error.message : error);
  process.exitCode = 1;
});
