/**
 * Live events to browsers (ADR 0026): 1,000 open browser-style SSE connections through the API gateway,
 * 1,000 events published to Kafka, delivery latency from the publish to each connection (p50/p99/max), events
 * lost, and the memory of the gateway and the notifications service with the connections open. A bare Fastify
 * route serving 2 KB of JSON is measured in the same run first, as the machine's baseline at that moment.
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench live-events
 *
 * Needs the local servers (`platform/stack/stack up`), not `npm start`: the bench runs its own notifications
 * service (database, consumer group and Redis prefix of its own) and gateway processes on free ports.
 * Events are `stock.changed` reports of 100 products (the public product-page channels), 10 connections on
 * each, published at BENCH_EVENT_RATE per second, so every event reaches 10 connections.
 *
 * Env: BENCH_CONNECTIONS (1000), BENCH_EVENTS (1000), BENCH_EVENT_RATE (200). Writes bench/results/live-events.json.
 */
import { readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import mysql from 'mysql2/promise';
import { StockChanged } from '@marketplace/contracts';
import { KafkaSender } from '@marketplace/events';
import { ulid } from 'ulid';
import { percentile, startChildService, unreachableServers, type ChildService } from '../platform/e2e/src';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';
import { BenchRefused, pidListeningOn, startBenchGateway, writeResults } from './lib/load';

const CONNECTIONS = Math.min(Math.max(Number(process.env.BENCH_CONNECTIONS ?? 1000), 1), 5000);
const EVENTS = Math.min(Math.max(Number(process.env.BENCH_EVENTS ?? 1000), 1), 100_000);
const EVENT_RATE = Math.min(Math.max(Number(process.env.BENCH_EVENT_RATE ?? 200), 1), 10_000);
const CHANNELS = 100;

/** One browser-style connection: reads the stream and notes when each event arrived. */
async function connect(
  url: string,
  received: (data: string, at: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    get(url, { headers: { accept: 'text/event-stream' }, agent: false, signal }, resolve).once(
      'error',
      reject,
    );
  });
  if (response.statusCode !== 200) throw new Error(`stream refused with ${response.statusCode}`);
  response.setEncoding('utf8');
  let resolveReady!: () => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  let buffer = '';
  response.on('data', (chunk: string) => {
    const at = performance.now();
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.includes('event: ready')) resolveReady();
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (data && !block.includes('event: ')) received(data.slice(6), at);
    }
  });
  response.once('error', (error) => {
    if (error.name !== 'AbortError') rejectReady(error);
  });
  await ready;
}

function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const missing = await unreachableServers();
  if (missing.length > 0)
    throw new BenchRefused(
      `The local servers are not reachable: ${missing.join(', ')}. Start them: platform/stack/stack up`,
    );

  const bare = await measureFastifyBaseline({ connections: 50, durationSeconds: 5 });
  printBaseline(bare);

  const run = ulid().toLowerCase();
  const children: ChildService[] = [];
  const abort = new AbortController();
  const kafka = new KafkaSender({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    clientId: `bench-live-${run}`,
  });
  try {
    console.log('starting the notifications service and a gateway…');
    const notifications = await startChildService(
      'tenant-services/notifications',
      {
        LOG_LEVEL: 'warn',
        MYSQL_DATABASE: `bench_notifications_${run}`,
        EVENTS_GROUP: `bench-notifications-${run}`,
        LIVE_KEY_PREFIX: `bench-notifications-${run}`,
        MAIL_SEND_INTERVAL_MS: '0',
      },
      180_000,
    );
    children.push(notifications);
    const gateway = await startBenchGateway(`notifications=${notifications.url}`, { NODE_ENV: 'test' });
    children.push(gateway);
    const pids = {
      gateway: pidListeningOn(new URL(gateway.url).port),
      notifications: pidListeningOn(new URL(notifications.url).port),
    };
    const idleRss = { gateway: rssMiB(pids.gateway), notifications: rssMiB(pids.notifications) };

    const tenantId = ulid();
    const skus = Array.from({ length: CHANNELS }, (_, i) => `SKU-${i}`);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let deliveries = 0;
    const received = (data: string, at: number) => {
      const event = JSON.parse(data) as { data: { sku: string; available: number } };
      const sent = sentAt.get(`${event.data.sku}:${event.data.available}`);
      if (sent !== undefined) latencies.push(at - sent);
      deliveries += 1;
    };

    console.log(`opening ${CONNECTIONS} SSE connections through the gateway (${CHANNELS} product channels)…`);
    const opening = performance.now();
    for (let start = 0; start < CONNECTIONS; start += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, CONNECTIONS - start) }, (_, offset) => {
          const sku = skus[(start + offset) % CHANNELS]!;
          const url = `${gateway.url}/api/v1/notifications/stream?channels=${encodeURIComponent(`stock:${tenantId}:${sku}`)}`;
          return connect(url, received, abort.signal);
        }),
      );
    }
    console.log(`  open in ${Math.round(performance.now() - opening)} ms`);
    const openRss = { gateway: rssMiB(pids.gateway), notifications: rssMiB(pids.notifications) };

    console.log(`publishing ${EVENTS} events at ${EVENT_RATE}/s…`);
    // Connection i listens to channel i % CHANNELS; event i goes to channel i % CHANNELS.
    const listeners = (channel: number) =>
      Math.floor(CONNECTIONS / CHANNELS) + (channel < CONNECTIONS % CHANNELS ? 1 : 0);
    let expected = 0;
    for (let i = 0; i < EVENTS; i += 1) expected += listeners(i % CHANNELS);
    // Batches every 50 ms, as the producers' outbox relays publish.
    const batch = Math.max(1, Math.round(EVENT_RATE / 20));
    for (let i = 0; i < EVENTS; i += batch) {
      const events = Array.from({ length: Math.min(batch, EVENTS - i) }, (_, offset) => {
        const index = i + offset;
        return StockChanged.create(
          { tenantId, sku: skus[index % CHANNELS]!, available: index },
          { tenantId },
        );
      });
      const now = performance.now();
      for (const event of events)
        sentAt.set(`${event.envelope.payload.sku}:${event.envelope.payload.available}`, now);
      await kafka.send(
        events.map((event) => ({
          topic: event.topic,
          key: `${tenantId}:${event.envelope.payload.sku}`,
          value: JSON.stringify(event.envelope),
          headers: {},
        })),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const deadline = Date.now() + 30_000;
    while (deliveries < expected && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const peakRss = { gateway: rssMiB(pids.gateway), notifications: rssMiB(pids.notifications) };

    const figures = {
      connections: CONNECTIONS,
      events: EVENTS,
      eventRatePerSecond: EVENT_RATE,
      deliveriesExpected: expected,
      deliveries,
      lost: expected - deliveries,
      latencyMs: {
        p50: Math.round(percentile(latencies, 50) ?? NaN),
        p99: Math.round(percentile(latencies, 99) ?? NaN),
        max: Math.round(Math.max(...latencies)),
      },
      rssMiB: { idle: idleRss, connectionsOpen: openRss, afterEvents: peakRss },
      baseline: bare,
    };
    console.log(
      `live events: ${CONNECTIONS} connections, ${EVENTS} events, ${deliveries}/${expected} deliveries (${figures.lost} lost)`,
    );
    console.log(
      `delivery latency (Kafka publish → browser connection): p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms`,
    );
    console.log(
      `RSS MiB gateway: idle ${idleRss.gateway}, ${CONNECTIONS} open ${openRss.gateway}, after events ${peakRss.gateway}`,
    );
    console.log(
      `RSS MiB notifications: idle ${idleRss.notifications}, ${CONNECTIONS} open ${openRss.notifications}, after events ${peakRss.notifications}`,
    );
    printBaseline(bare);
    await writeResults('live-events', figures);
  } finally {
    abort.abort();
    await kafka.close();
    await Promise.all(children.map((child) => child.stop()));
    await dropDatabase(`bench_notifications_${run}`);
  }
}

async function dropDatabase(name: string): Promise<void> {
  const connection = await mysql.createConnection(
    process.env.MYSQL_URL ?? 'mysql://marketplace:marketplace@127.0.0.1:13306',
  );
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchRefused ? error.message : error);
  process.exitCode = 1;
});
