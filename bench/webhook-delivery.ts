/**
 * Webhook delivery: deliveries per second to a local receiver and event → delivery latency p50/p99, beside the
 * same-run bare Fastify figure. `product.updated` events of 10 sellers (50 products each) are published to the
 * catalog's real Kafka topic as its outbox relay would; the webhooks service (a process of its own, default
 * per-endpoint concurrency) consumes them and POSTs each, signed, to one endpoint per seller on a local
 * receiver (http on 127.0.0.1, answering 204). Latency runs from the event's `occurredAt` (set right before
 * it is published) to the moment the receiver has read the delivery. Two phases: a burst of BENCH_EVENTS at
 * once (throughput; its latency is mostly queueing), then a steady rate below capacity for a while (latency).
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench webhook-delivery
 *
 * Needs the local servers (`platform/stack/stack up`); uses a database and consumer group of its own and removes
 * the database afterwards. Env: BENCH_EVENTS (2000, at most 20000), BENCH_RATE (50 events/s) and
 * BENCH_STEADY_SECONDS (20) for the steady phase, BENCH_INGEST_BATCH (the service's WEBHOOK_INGEST_BATCH; its
 * default when unset). Writes bench/results/webhook-delivery.json.
 */
import { productUpdatedV1 } from '@marketplace/contracts';
import { eventMessage, KafkaSender, type OutgoingKafkaMessage } from '@marketplace/events';
import { createTestTenant, dataOf, dropMySqlDatabase, graphqlClient, waitFor } from '@marketplace/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { percentile, startChildService, unreachableServers } from '../platform/e2e/src';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';

const EVENTS = Math.min(Math.max(Number(process.env.BENCH_EVENTS ?? 2000), 100), 20_000);
const SELLERS = 10;
const PRODUCTS_PER_SELLER = 50;
const RESULTS = join(__dirname, 'results', 'webhook-delivery.json');
const INGEST_BATCH = process.env.BENCH_INGEST_BATCH;
/** The steady phase's rate, meant to be below capacity: latency there is the delivery path's, not a queue's. */
const RATE = Math.min(Math.max(Number(process.env.BENCH_RATE ?? 50), 1), 5_000);
const STEADY_SECONDS = Math.min(Math.max(Number(process.env.BENCH_STEADY_SECONDS ?? 20), 1), 300);
const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`;

/**
 * Read deliveries: the latency from the event's occurredAt per title (`update <n>`: one per published event; a late
 * probe counts for nothing); a webhook-id seen before is a repeat.
 */
function startReceiver() {
  const latencies = new Map<string, number>();
  const seen = new Set<string>();
  const repeats: { id: string; afterMs: number }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const receivedAt = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        timestamp: string;
        data: { title: string };
      };
      const id = String(request.headers['webhook-id']);
      if (seen.has(id)) repeats.push({ id, afterMs: receivedAt - Date.parse(body.timestamp) });
      else {
        seen.add(id);
        latencies.set(body.data.title, receivedAt - Date.parse(body.timestamp));
      }
      response.writeHead(204).end();
    });
  });
  return {
    latencies,
    repeats,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function productUpdate(tenantId: string, productId: string, title: string): OutgoingKafkaMessage {
  const event = productUpdatedV1.create(
    {
      productId,
      tenantId,
      slug: `bench-${productId.toLowerCase()}`,
      title,
      status: 'published',
      moderation: 'none',
      categoryId: null,
      currency: 'EUR',
      variants: [
        { variantId: `${productId}-v`, sku: `BENCH-${productId}`, priceMinor: 1_999, compareAtMinor: null },
      ],
    },
    { tenantId },
  );
  return eventMessage(event.topic, productId, JSON.stringify(event.envelope));
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
  const baseline = await measureFastifyBaseline({ connections: SELLERS * 4, durationSeconds: 5 });
  printBaseline(baseline);

  const run = ulid().toLowerCase();
  const database = `bench_webhooks_${run}`;
  const receiver = startReceiver();
  const url = await receiver.listen();
  const sender = new KafkaSender({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    clientId: `bench-${run}`,
  });
  console.log('starting the webhooks service…');
  const service = await startChildService('tenant-services/webhooks', {
    LOG_LEVEL: 'warn',
    // The bench's sellers are organizations made by token claims, unknown to any tenants service (ADR 0048).
    TENANT_STATUS_ASSUME_ACTIVE: 'true',
    MYSQL_DATABASE: database,
    WEBHOOK_EVENTS_GROUP: `bench-webhooks-${run}`,
    WEBHOOK_EVENTS_START_FROM: 'latest',
    ...(INGEST_BATCH ? { WEBHOOK_INGEST_BATCH: INGEST_BATCH } : {}),
  });
  try {
    const gql = graphqlClient(service.url);
    const sellers = await Promise.all(Array.from({ length: SELLERS }, () => createTestTenant()));
    for (const seller of sellers)
      dataOf(await gql(CREATE_ENDPOINT, { input: { url, topics: ['product.updated'] } }, seller.owner.token));
    const products = sellers.map(() => Array.from({ length: PRODUCTS_PER_SELLER }, () => ulid()));

    // The fresh consumer group starts at the topics' end once it has joined: probe until a delivery arrives.
    await waitFor(
      'a probe delivery (the consumer has joined)',
      async () => {
        await sender.send([productUpdate(sellers[0]!.tenantId, ulid(), 'probe')]);
        return receiver.latencies.has('probe');
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    receiver.latencies.clear();
    const update = (index: number) => {
      const seller = index % SELLERS;
      const product = products[seller]![Math.floor(index / SELLERS) % PRODUCTS_PER_SELLER]!;
      return productUpdate(sellers[seller]!.tenantId, product, `update ${index}`);
    };
    /** Runs `publish` of updates `from`…`from + count - 1`, waits for their deliveries, answers their figures. */
    const measure = async (from: number, count: number, publish: () => Promise<void>) => {
      const titles = Array.from({ length: count }, (_, index) => `update ${from + index}`);
      const started = Date.now();
      await publish();
      await waitFor('every delivery', () => titles.every((title) => receiver.latencies.has(title)), {
        timeoutMs: 600_000,
        intervalMs: 50,
      });
      const seconds = (Date.now() - started) / 1000;
      const latencies = titles.map((title) => receiver.latencies.get(title)!);
      return {
        seconds: Math.round(seconds * 10) / 10,
        deliveriesPerSecond: Math.round(count / seconds),
        latencyMs: {
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          max: percentile(latencies, 100),
        },
      };
    };
    console.log(
      `${SELLERS} sellers with one endpoint each; publishing ${EVENTS} events over ${SELLERS * PRODUCTS_PER_SELLER} products…`,
    );

    const burst = await measure(0, EVENTS, async () => {
      const messages = Array.from({ length: EVENTS }, (_, index) => update(index));
      for (let offset = 0; offset < messages.length; offset += 200)
        await sender.send(messages.slice(offset, offset + 200));
    });
    console.log(
      `burst: ${burst.deliveriesPerSecond} deliveries/s (${EVENTS} in ${burst.seconds} s), event → delivery ` +
        `p50 ${burst.latencyMs.p50} ms, p99 ${burst.latencyMs.p99} ms, max ${burst.latencyMs.max} ms` +
        ` | beside the baseline's ${baseline.requestsPerSecond} req/s`,
    );

    // Steady rate: a tick every 50 ms publishes its share, each event stamped right before it is sent.
    const steadyEvents = RATE * STEADY_SECONDS;
    console.log(`steady rate: ${RATE} events/s for ${STEADY_SECONDS} s…`);
    const steady = await measure(EVENTS, steadyEvents, async () => {
      const ticks = STEADY_SECONDS * 20;
      const start = Date.now();
      let sent = 0;
      for (let tick = 1; tick <= ticks; tick += 1) {
        const due = Math.round((steadyEvents * tick) / ticks);
        const batch = Array.from({ length: due - sent }, (_, index) => update(EVENTS + sent + index));
        sent = due;
        if (batch.length > 0) await sender.send(batch);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + tick * 50 - Date.now())));
      }
    });
    console.log(
      `steady: ${RATE} events/s → event → delivery p50 ${steady.latencyMs.p50} ms, p99 ${steady.latencyMs.p99} ms, ` +
        `max ${steady.latencyMs.max} ms | beside the baseline's p99 ${baseline.latencyMs.p99} ms`,
    );

    if (receiver.repeats.length > 0)
      console.log(`repeated deliveries (same webhook-id): ${JSON.stringify(receiver.repeats.slice(0, 5))}`);
    const figures = {
      at: new Date().toISOString(),
      sellers: SELLERS,
      resources: SELLERS * PRODUCTS_PER_SELLER,
      ingestBatch: INGEST_BATCH ?? 'service default',
      burst: { events: EVENTS, ...burst },
      // At-least-once: an attempt whose outcome was not recorded is sent again with the same webhook-id.
      repeatedDeliveries: receiver.repeats.length,
      steady: {
        eventsPerSecond: RATE,
        seconds: STEADY_SECONDS,
        events: steadyEvents,
        latencyMs: steady.latencyMs,
      },
      // Other work on the machine (1, 5 and 15 minutes, as `uptime` prints it).
      loadAverage: loadavg()
        .map((value) => value.toFixed(2))
        .join(' '),
      baseline,
    };
    await mkdir(join(__dirname, 'results'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`wrote ${RESULTS}`);
  } finally {
    await service.stop();
    await sender.close();
    await receiver.close();
    await dropMySqlDatabase(process.env.MYSQL_URL ?? '', database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
