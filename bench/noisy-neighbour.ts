/**
 * One tenant at 10× its rate limit beside other tenants (issue 12 item 4, target: their p95 raised < 10 %), without
 * the tenancy bench's private stack and seeding: the platform's services (e2e harness, random ports, the local
 * servers) and a gateway process of the bench's own over them, with the per-tenant limit the tenancy bench uses
 * (NOISY_RATE_LIMIT, 600 per 60 s) and the response cache off. Four runs:
 * 1. victims alone: NOISY_VICTIMS (10) seller tenants reading their stock levels twice a second each;
 * 2. the same beside one more tenant sending exactly its limit: what sharing the machine costs anyway;
 * 3. the same beside another tenant sending 10× its limit (open loop, at most 200 requests in flight);
 * 4. that tenant alone flooding at c=20 right after, when nearly all of its requests are refused: the gateway's
 *    CPU time per refused request.
 * Prints the victims' p50/p95/p99 each way beside the same-run bare Fastify figure.
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench noisy-neighbour
 *
 * Env: NOISY_DURATION_S (15, at most 60), NOISY_VICTIMS (10), NOISY_RATE_LIMIT (600), BENCH_LABEL (writes
 * bench/results/noisy-neighbour-<label>.json instead of noisy-neighbour.json), BENCH_CPU_PROFILE (a label:
 * CPU-profiles the gateway over the refused flood, see lib/profiling.ts), and the gateway's own variables (e.g.
 * RATE_LIMIT_BURST_SECONDS), which its process inherits.
 */
import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { createTestTenant } from '@marketplace/testing';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';
import { stopOnInterrupt } from './lib/interrupt';
import { profilingFromEnv, startProfiles, stopProfiles } from './lib/profiling';
import { cpuMsPerRequestOf, cpuSecondsOf, round, startBenchGateway, writeResults } from './lib/load';
import {
  graphqlCall,
  percentile,
  startPlatform,
  unreachableServers,
  type ChildService,
  type RunningPlatform,
} from '../platform/e2e/src';

const DURATION_S = Math.min(Math.max(Number(process.env.NOISY_DURATION_S ?? 15), 1), 60);
const VICTIMS = Math.max(Number(process.env.NOISY_VICTIMS ?? 10), 1);
const RATE_LIMIT = Number(process.env.NOISY_RATE_LIMIT ?? 600);
const RATE_WINDOW_S = 60;
const LABEL = process.env.BENCH_LABEL;
const VICTIM_INTERVAL_MS = 500;
const FLOOD_CONNECTIONS = 20;
const FLOOD_SECONDS = 5;
/** The tenancy bench's seller read: answered by inventory (MySQL). */
const SELLER_READ = 'query { stockLevels(first: 5) { nodes { onHand } } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface VictimFigures {
  requests: number;
  failures: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

/** Each victim sends one read every VICTIM_INTERVAL_MS (or right after a slower answer) for DURATION_S. */
async function victimsRun(gatewayUrl: string, tokens: string[]): Promise<VictimFigures> {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + DURATION_S * 1000;
  await Promise.all(
    tokens.map(async (token, index) => {
      await sleep((index * VICTIM_INTERVAL_MS) / tokens.length);
      while (performance.now() < until) {
        const started = performance.now();
        const answer = await graphqlCall(gatewayUrl, SELLER_READ, {}, token).catch(() => undefined);
        const took = performance.now() - started;
        latencies.push(took);
        if (!answer || answer.errors) failures += 1;
        await sleep(Math.max(0, VICTIM_INTERVAL_MS - took));
      }
    }),
  );
  const at = (p: number) => round(percentile(latencies, p) ?? NaN);
  return {
    requests: latencies.length,
    failures,
    latencyMs: { p50: at(50), p95: at(95), p99: at(99), max: at(100) },
  };
}

/** The noisy tenant's open loop at `perSecond` until `stop` resolves. */
async function hammer(gatewayUrl: string, token: string, perSecond: number, stop: Promise<unknown>) {
  const counts = { sent: 0, admitted: 0, rateLimited: 0, otherErrors: 0 };
  let inFlight = 0;
  let running = true;
  void stop.then(() => (running = false));
  const started = performance.now();
  while (running) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    for (; counts.sent < due && inFlight < 200; counts.sent += 1) {
      inFlight += 1;
      void graphqlCall(gatewayUrl, SELLER_READ, {}, token)
        .then(
          (answer) => {
            if (answer.status === 429) counts.rateLimited += 1;
            else if (answer.errors) counts.otherErrors += 1;
            else counts.admitted += 1;
          },
          () => (counts.otherErrors += 1),
        )
        .finally(() => (inFlight -= 1));
    }
    await sleep(5);
  }
  const seconds = (performance.now() - started) / 1000;
  while (inFlight > 0) await sleep(20);
  return { ...counts, perSecond: round(counts.sent / seconds) };
}

async function main(): Promise<void> {
  const missing = await unreachableServers();
  if (missing.length > 0) {
    console.error(`The local servers are not reachable: ${missing.join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  const baseline = await measureFastifyBaseline({ connections: FLOOD_CONNECTIONS, durationSeconds: 5 });
  printBaseline(baseline);
  console.log('starting the platform (catalog, cart, inventory, payments, orders) and a gateway process…');
  const profiling = profilingFromEnv();
  let platform: RunningPlatform | undefined;
  let gateway: ChildService | undefined;
  stopOnInterrupt('noisy-neighbour', async () => {
    await gateway?.stop().catch(() => undefined);
    await platform?.close().catch(() => undefined);
  });
  try {
    platform = await startPlatform();
    const { catalog, cart, inventory, payments, orders } = platform.urls;
    gateway = await startBenchGateway(
      Object.entries({ catalog, cart, inventory, payments, orders })
        .map(([name, url]) => `${name}=${url}`)
        .join(','),
      {
        ...profiling?.env,
        RESPONSE_CACHE_TTL_MS: '0',
        RATE_LIMIT_TENANT: String(RATE_LIMIT),
        RATE_LIMIT_WINDOW_SECONDS: String(RATE_WINDOW_S),
        SUBGRAPH_TIMEOUT_MS: '30000',
      },
    );
    const gatewayUrl = gateway.url;
    const processes = { gateway: gateway.child.pid };
    const [atLimit, noisy, ...victims] = await Promise.all(
      Array.from({ length: VICTIMS + 2 }, () => createTestTenant()),
    );
    const tokens = victims.map((tenant) => tenant.owner.token);
    // Warm-up: plans, pools, the verified-token cache of every victim (one request each, far within its limit).
    for (const token of tokens) await graphqlCall(gatewayUrl, SELLER_READ, {}, token);

    const alone = await victimsRun(gatewayUrl, tokens);
    console.log(
      `victims alone: ${alone.requests} requests, p50 ${alone.latencyMs.p50} ms, p95 ${alone.latencyMs.p95} ms, p99 ${alone.latencyMs.p99} ms, ${alone.failures} failed`,
    );

    /** The victims' run beside one tenant sending at `perSecond`, and how much that raised their p95. */
    const victimsBeside = async (token: string, perSecond: number) => {
      const run = victimsRun(gatewayUrl, tokens);
      const counts = await hammer(gatewayUrl, token, perSecond, run);
      const figures = await run;
      const p95Raised = round((100 * (figures.latencyMs.p95 - alone.latencyMs.p95)) / alone.latencyMs.p95);
      return { counts, figures, p95Raised };
    };

    // The control: one more tenant sending exactly its limit, which the victims must share the machine with.
    const {
      counts: atLimitCounts,
      figures: besideLimit,
      p95Raised: p95RaisedAtLimitPercent,
    } = await victimsBeside(atLimit!.owner.token, RATE_LIMIT / RATE_WINDOW_S);
    console.log(
      `victims beside a tenant at its limit (${atLimitCounts.perSecond} req/s; ${atLimitCounts.admitted} admitted, ` +
        `${atLimitCounts.rateLimited} refused): p50 ${besideLimit.latencyMs.p50} ms, p95 ${besideLimit.latencyMs.p95} ms, ` +
        `p99 ${besideLimit.latencyMs.p99} ms, ${besideLimit.failures} failed; p95 raised ${p95RaisedAtLimitPercent} %`,
    );

    const noisyPerSecond = (10 * RATE_LIMIT) / RATE_WINDOW_S;
    const {
      counts: noisyCounts,
      figures: beside,
      p95Raised: p95RaisedPercent,
    } = await victimsBeside(noisy!.owner.token, noisyPerSecond);
    console.log(
      `victims beside a tenant at ${noisyCounts.perSecond} req/s (limit ${RATE_LIMIT} per ${RATE_WINDOW_S} s; ` +
        `${noisyCounts.admitted} admitted, ${noisyCounts.rateLimited} refused, ${noisyCounts.otherErrors} other errors): ` +
        `${beside.requests} requests, p50 ${beside.latencyMs.p50} ms, p95 ${beside.latencyMs.p95} ms, p99 ${beside.latencyMs.p99} ms, ` +
        `${beside.failures} failed; p95 raised ${p95RaisedPercent} % (target < 10 %)`,
    );

    if (profiling) startProfiles(processes);
    const before = cpuSecondsOf(processes);
    const flood = await autocannon({
      url: `${gatewayUrl}/graphql`,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${noisy!.owner.token}`,
      },
      body: JSON.stringify({ query: SELLER_READ }),
      connections: FLOOD_CONNECTIONS,
      duration: FLOOD_SECONDS,
    });
    const after = cpuSecondsOf(processes);
    const answered = flood.requests.total;
    const refused =
      (flood.statusCodeStats as Record<string, { count: number } | undefined>)['429']?.count ?? 0;
    const cpuMsPerRequest = cpuMsPerRequestOf(before, after, answered).gateway ?? NaN;
    if (profiling)
      await stopProfiles(
        profiling,
        'noisy-neighbour',
        processes,
        answered,
        `flood by a limited tenant, c=${FLOOD_CONNECTIONS}, ${refused} of ${answered} refused`,
      );
    console.log(
      `flood by the limited tenant, c=${FLOOD_CONNECTIONS}, ${FLOOD_SECONDS} s: ${round(answered / FLOOD_SECONDS)} req/s, ` +
        `${refused} of ${answered} refused (${round((100 * refused) / answered)} %); gateway CPU ${cpuMsPerRequest} ms per request`,
    );
    await writeResults(LABEL ? `noisy-neighbour-${LABEL}` : 'noisy-neighbour', {
      at: new Date().toISOString(),
      ...(LABEL ? { label: LABEL } : {}),
      baseline,
      target: { victimsP95RaisedPercent: 10 },
      settings: {
        durationSeconds: DURATION_S,
        victims: VICTIMS,
        victimIntervalMs: VICTIM_INTERVAL_MS,
        rateLimitPerTenant: { requests: RATE_LIMIT, windowSeconds: RATE_WINDOW_S },
        noisyTargetPerSecond: noisyPerSecond,
      },
      victimsAlone: alone,
      victimsBesideTenantAtLimit: besideLimit,
      p95RaisedAtLimitPercent,
      tenantAtLimit: atLimitCounts,
      victimsBesideNoisy: beside,
      p95RaisedPercent,
      noisy: noisyCounts,
      refusedFlood: {
        connections: FLOOD_CONNECTIONS,
        seconds: FLOOD_SECONDS,
        requests: answered,
        refused,
        requestsPerSecond: round(answered / FLOOD_SECONDS),
        gatewayCpuMsPerRequest: cpuMsPerRequest,
      },
      loadAverage: loadavg().map(round),
    });
  } finally {
    await gateway?.stop().catch(() => undefined);
    await platform?.close().catch((error: unknown) => console.error('closing the platform failed:', error));
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
