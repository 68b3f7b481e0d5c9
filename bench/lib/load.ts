/**
 * What the load benches share: a gateway of their own with the anonymous rate limit raised (the limiter
 * still runs), a measured autocannon run with latency percentiles, CPU per request and peak RSS of the
 * processes involved, and the results folder.
 */
import autocannon, { type Request } from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startChildService, type ChildService } from '../../platform/e2e/src';
import { shareOfBaseline, type BaselineFigures } from './baseline';
import {
  describePeakMemory,
  peakMemoryOf,
  resetMemorySamples,
  type MemorySample,
  type MemorySampling,
} from './memory';
import { startProfiles, stopProfiles, type ProfileRequest } from './profiling';

/** A precondition of the bench is not met: said in one line, without a stack trace. */
export class BenchRefused extends Error {}

export interface LoadOptions {
  url: string;
  /** Request bodies, one picked at random per request (POST, JSON). */
  bodies: string[];
  connections: number;
  durationSeconds: number;
  /** Processes whose CPU time and peak RSS are recorded, by name. */
  processes: Record<string, number | undefined>;
  /** CPU-profiles these processes (started with the profiling preload only!) over the measured run. */
  profile?: ProfileRequest;
  /** The processes (started with `MemorySampling.env`) whose peak RSS is broken down into heap, external, other. */
  memory?: MemorySampling;
}

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  /** Responses whose body carries GraphQL errors. */
  graphqlErrors: number;
  errors: number;
  timeouts: number;
  cpuMsPerRequest: Record<string, number>;
  peakRssMiB: Record<string, number>;
  /** What each sampled process's peak RSS was made of (MiB), when the bench samples memory. */
  peakMemoryMiB?: Record<string, MemorySample>;
  cpus: number;
  /** The machine's 1, 5 and 15 min load averages when the measured run ended (other work on the box shows here). */
  loadAverage: number[];
}

/** A 3 s warm-up (JIT, pools, plan caches), then the measured run. */
export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  const request = {
    url: options.url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req: Request): Request => ({
          ...req,
          body: options.bodies[Math.floor(Math.random() * options.bodies.length)]!,
        }),
      },
    ],
  };
  const peakRss: Record<string, number> = {};
  const sampleRss = () => {
    for (const [name, pid] of Object.entries(options.processes)) {
      const rss = pid === undefined ? undefined : rssBytes(pid);
      if (rss !== undefined) peakRss[name] = Math.max(peakRss[name] ?? 0, rss);
    }
  };
  if (options.memory) resetMemorySamples(options.memory, Object.values(options.processes));
  sampleRss();
  const sampler = setInterval(sampleRss, 1000);
  await autocannon({ ...request, connections: 10, duration: 3 });

  if (options.profile) startProfiles(options.profile.processes);
  const cpuBefore = cpuSecondsOf(options.processes);
  const latencies: number[] = [];
  let graphqlErrors = 0;
  const result = await autocannon({
    ...request,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, responseTime: number) =>
        latencies.push(responseTime),
      );
      // A 200 may still carry GraphQL errors (a subgraph down): counted, so such a run is never taken for a fast one.
      client.on('body', (body: Buffer) => {
        if (body.includes('"errors"')) graphqlErrors++;
      });
    },
  });
  clearInterval(sampler);
  sampleRss();
  const cpuAfter = cpuSecondsOf(options.processes);
  const loadAverage = loadavg().map(round);
  const peakMemory = options.memory ? peakMemoryOf(options.memory, options.processes) : undefined;
  if (options.profile)
    await stopProfiles(
      options.profile.profiling,
      options.profile.bench,
      options.profile.processes,
      result.requests.total,
      options.profile.context,
    );
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN);
  return {
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average),
    latencyMs: {
      p50: percentile(50),
      p95: percentile(95),
      p99: percentile(99),
      max: round(result.latency.max),
    },
    non2xx: result.non2xx,
    graphqlErrors,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuMsPerRequest: cpuMsPerRequestOf(cpuBefore, cpuAfter, result.requests.total),
    peakRssMiB: Object.fromEntries(
      Object.entries(peakRss).map(([name, bytes]) => [name, round(bytes / 1024 / 1024)]),
    ),
    ...(peakMemory && Object.keys(peakMemory).length > 0 ? { peakMemoryMiB: peakMemory } : {}),
    cpus: cpus().length,
    loadAverage,
  };
}

/** CPU time per request does not depend on what else the machine runs, unlike req/s on a shared box. */
export function cpuMsPerRequestOf(
  before: Record<string, number>,
  after: Record<string, number>,
  requests: number,
): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after).flatMap((name) => {
      const start = before[name];
      const end = after[name];
      return start === undefined || end === undefined || requests === 0
        ? []
        : [[name, Math.round(((end - start) * 1000 * 100) / requests) / 100]];
    }),
  );
}

/** The figures in four lines, after a title line: throughput as a share of the same-run baseline. */
export function printFigures(title: string, figures: LoadFigures, baseline: BaselineFigures): void {
  console.log(title);
  console.log(
    `${figures.requestsPerSecond} req/s, p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms, p99 ${figures.latencyMs.p99} ms, ` +
      `${figures.non2xx} non-2xx, ${figures.graphqlErrors} with GraphQL errors, ${figures.errors} errors, ${figures.timeouts} timeouts`,
  );
  console.log(`= ${shareOfBaseline(figures.requestsPerSecond, baseline)}`);
  const list = (values: Record<string, number>) =>
    Object.entries(values)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
  console.log(`CPU ms per request: ${list(figures.cpuMsPerRequest)}`);
  console.log(`peak RSS (MiB): ${list(figures.peakRssMiB)}`);
  for (const line of describePeakMemory(figures.peakMemoryMiB ?? {})) console.log(`  ${line}`);
  console.log(`load average: ${figures.loadAverage.join(' ')} (${figures.cpus} CPUs)`);
}

export async function writeResults(name: string, figures: object): Promise<void> {
  const folder = join(__dirname, '..', 'results');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`written to bench/results/${name}.json`);
}

/** The platform's processes, found by the loopback port they listen on. */
export function platformProcesses(urls: Record<string, string>): Record<string, number | undefined> {
  return Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [name, pidListeningOn(new URL(url).port || '80')]),
  );
}

/**
 * A gateway of the bench's own over the given subgraphs (`name=url,...`), anonymous rate limit raised;
 * `env` adds settings (e.g. `RESPONSE_CACHE_TTL_MS: '0'`).
 */
export function startBenchGateway(
  subgraphs: string,
  env: Record<string, string> = {},
): Promise<ChildService> {
  return startChildService(
    'platform/gateway',
    {
      LOG_LEVEL: 'warn',
      SUBGRAPHS: subgraphs,
      // Not `production`: that refuses the loopback addresses every bench runs on (the code paths are the same).
      NODE_ENV: 'test',
      RATE_LIMIT_ANONYMOUS: '1000000000',
      RATE_LIMIT_KEY_PREFIX: `bench:gateway:${process.pid}:${Date.now()}`,
      // Metrics and detailed readiness on any free port: `npm start`'s gateway may hold the default one.
      GATEWAY_INTERNAL_PORT: '0',
      ...env,
    },
    60_000,
    'GATEWAY_PORT',
  );
}

export async function reachable(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(3000) }).then(
    (response) => response.ok,
    () => false,
  );
}

/** The process listening on a loopback TCP port, from `ss` (Linux); undefined when it cannot be told. */
export function pidListeningOn(port: string): number | undefined {
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
export function cpuSecondsOf(processes: Record<string, number | undefined>): Record<string, number> {
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

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The two gateway set-ups every gateway bench measures: as deployed, and with the response cache off. */
export const GATEWAY_MODES = [
  { name: 'response cache on (default TTL)', env: {} },
  { name: 'response cache off', env: { RESPONSE_CACHE_TTL_MS: '0' } },
] as const;
