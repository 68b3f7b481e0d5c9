/**
 * The same-run yardstick of every bench (this machine's speed varies several-fold between runs): a bare Fastify
 * route serving 2 KB of JSON, started in a process of its own and loaded by autocannon at the bench's
 * concurrency right before the bench's own measurement. Figures are printed beside it as a share of it.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface BaselineFigures {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  connections: number;
  durationSeconds: number;
  responseBytes: number;
}

/** Measures the bare Fastify route for `durationSeconds` (default 10) at `connections`, then stops its server. */
export async function measureFastifyBaseline(options: {
  connections: number;
  durationSeconds?: number;
}): Promise<BaselineFigures> {
  const durationSeconds = options.durationSeconds ?? 10;
  const server = spawn(
    process.execPath,
    ['-r', '@marketplace/ts-register', join(__dirname, 'fastify-baseline-server.ts'), '0'],
    {
      cwd: join(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
    const { port, bytes } = JSON.parse(line) as { port: number; bytes: number };
    const url = `http://127.0.0.1:${port}/baseline`;
    await autocannon({ url, connections: 10, duration: 2 });
    const result = await autocannon({ url, connections: options.connections, duration: durationSeconds });
    return {
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
      connections: options.connections,
      durationSeconds,
      responseBytes: bytes,
    };
  } finally {
    server.kill('SIGTERM');
  }
}

/** "12.3 % of the same-run Fastify figure (8,316 req/s)". */
export function shareOfBaseline(requestsPerSecond: number, baseline: BaselineFigures): string {
  const share = baseline.requestsPerSecond > 0 ? (100 * requestsPerSecond) / baseline.requestsPerSecond : NaN;
  return `${share.toFixed(1)} % of the same-run Fastify figure (${baseline.requestsPerSecond.toLocaleString('en-US')} req/s at c=${baseline.connections})`;
}

export function printBaseline(baseline: BaselineFigures): void {
  console.log(
    `baseline: bare Fastify route, ${baseline.responseBytes} B JSON, c=${baseline.connections}: ` +
      `${baseline.requestsPerSecond} req/s, p50 ${baseline.latencyMs.p50} ms, p99 ${baseline.latencyMs.p99} ms`,
  );
}
