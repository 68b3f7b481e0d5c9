/**
 * Order events into the reviews service on a long-lived stack: how long the reviews service takes per event of
 * `orders.order.v1` once it has learned many purchases, beside the same-run bare Fastify figure.
 *
 * The reviews consumer of purchases (its real repository, consumer and MongoDB processed-events store, in this
 * process) runs on a database and consumer group of its own, reading from the topic's end. Its database is first
 * seeded with BENCH_REVIEWS_PURCHASES purchases (half of them delivered) and as many processed-event records, as
 * a service that has consumed a long history holds them. Then BENCH_REVIEWS_ORDERS checkouts are published as
 * the orders service publishes them (order.placed, order.paid, seller-order.status-changed paid → fulfilled →
 * shipped → delivered) together with BENCH_REVIEWS_UNKNOWN deliveries of seller orders the service never saw
 * paid, all at once; the figure is the time until the consumer has handled them all (every checkout's seller
 * order delivered and no lag left) per event published.
 *
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench reviews-order-events
 *
 * Needs the local servers (`platform/stack/stack up`); drops its database afterwards. Env:
 * BENCH_REVIEWS_PURCHASES (5000), BENCH_REVIEWS_ORDERS (40), BENCH_REVIEWS_UNKNOWN (10), BENCH_LABEL (keeps
 * this run under `runs.<label>` of bench/results/reviews-order-events.json, beside earlier labelled runs).
 */
import { OrderPlaced, OrderPaid, SellerOrderStatusChanged } from '@marketplace/contracts';
import {
  eventMessage,
  KafkaSender,
  MongoProcessedEvents,
  type EventsLogger,
  type OutgoingEvent,
} from '@marketplace/events';
import { PurchasesRepository } from '@marketplace/reviews-service/src/purchases/purchases.repository';
import { sourceEventsConsumer } from '@marketplace/reviews-service/src/purchases/source-events.consumer';
import type { PurchaseDocument } from '@marketplace/reviews-service/src/reviews/review.document';
import { MongoClient } from 'mongodb';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';

const PURCHASES = Number(process.env.BENCH_REVIEWS_PURCHASES ?? 5000);
const ORDERS = Number(process.env.BENCH_REVIEWS_ORDERS ?? 40);
const UNKNOWN = Number(process.env.BENCH_REVIEWS_UNKNOWN ?? 10);
const GIVE_UP_MS = 15 * 60_000;
const SELLER = ulid();

const silent: EventsLogger = { info() {}, warn() {}, error() {} };

function seededPurchase(index: number): PurchaseDocument {
  const paidAt = new Date(Date.now() - 86_400_000);
  return {
    _id: ulid(),
    tenantId: SELLER,
    buyerId: ulid(),
    buyerOrderId: ulid(),
    lines: [{ productId: ulid(), sku: `SKU-${index}` }],
    paidAt,
    deliveredAt: index % 2 === 0 ? paidAt : null,
  };
}

/** One checkout's events as the orders service publishes them, keyed by buyer order id. */
function checkout(): { key: string; sellerOrderId: string; events: OutgoingEvent[] } {
  const buyerOrderId = ulid();
  const sellerOrderId = ulid();
  const buyerId = ulid();
  const now = new Date().toISOString();
  const sellerOrders = [
    {
      sellerOrderId,
      tenantId: SELLER,
      subtotal: 1000,
      lines: [{ productId: ulid(), sku: 'SKU-1', quantity: 1, unitPrice: 1000 }],
    },
  ];
  const order = { buyerOrderId, buyerId, total: 1000, currency: 'EUR', sellerOrders };
  const moved = (from: string, to: string) =>
    SellerOrderStatusChanged.create(
      {
        buyerOrderId,
        sellerOrderId,
        tenantId: SELLER,
        from,
        to,
        carrier: null,
        trackingNumber: null,
        changedAt: now,
      },
      { tenantId: SELLER },
    );
  return {
    key: buyerOrderId,
    sellerOrderId,
    events: [
      OrderPlaced.create({ ...order, placedAt: now }, { tenantId: null }),
      OrderPaid.create({ ...order, paidAt: now }, { tenantId: null }),
      moved('paid', 'fulfilled'),
      moved('fulfilled', 'shipped'),
      moved('shipped', 'delivered'),
    ],
  };
}

/** A delivery of a seller order paid before the service consumed the topic (it never learned it). */
function unknownDelivery(): { key: string; events: OutgoingEvent[] } {
  const buyerOrderId = ulid();
  return {
    key: buyerOrderId,
    events: [
      SellerOrderStatusChanged.create(
        {
          buyerOrderId,
          sellerOrderId: ulid(),
          tenantId: SELLER,
          from: 'shipped',
          to: 'delivered',
          carrier: null,
          trackingNumber: null,
          changedAt: new Date().toISOString(),
        },
        { tenantId: SELLER },
      ),
    ],
  };
}

async function main(): Promise<void> {
  const baseline = await measureFastifyBaseline({ connections: 10, durationSeconds: 5 });
  printBaseline(baseline);

  const run = ulid().toLowerCase();
  const mongo = new MongoClient(process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:37017');
  await mongo.connect();
  const db = mongo.db(`reviews_bench_${run}`);
  const groupId = `reviews-bench-sources-${run}`;
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const sender = new KafkaSender({ brokers, clientId: 'reviews-bench-producer' });
  try {
    const purchases = await PurchasesRepository.open(db);
    const processedEvents = await MongoProcessedEvents.open(db);
    const seedStart = Date.now();
    for (let done = 0; done < PURCHASES; done += 1000) {
      const count = Math.min(1000, PURCHASES - done);
      await db
        .collection<PurchaseDocument>('purchases')
        .insertMany(Array.from({ length: count }, (_, index) => seededPurchase(done + index)));
      await db.collection<{ _id: string }>('processed_events').insertMany(
        Array.from({ length: count }, () => {
          const eventId = ulid();
          return { _id: `${groupId}:${eventId}`, eventId, consumerGroup: groupId, processedAt: new Date() };
        }),
      );
    }
    console.log(`seeded ${PURCHASES} purchases and processed-event records in ${Date.now() - seedStart} ms`);

    const consumer = sourceEventsConsumer(
      { brokers, clientId: 'reviews-bench', groupId, processedEvents, startFrom: 'latest', logger: silent },
      purchases,
      silent,
    );
    await consumer.start();
    try {
      const checkouts = Array.from({ length: ORDERS }, checkout);
      const batches = [...checkouts, ...Array.from({ length: UNKNOWN }, unknownDelivery)];
      const messages = batches.flatMap(({ key, events }) =>
        events.map((event) => eventMessage(event.topic, key, JSON.stringify(event.envelope))),
      );
      const started = Date.now();
      await sender.send(messages);
      // Polled by id, one seller order at a time: a filter on another field would itself scan the collection.
      const pending = new Set(checkouts.map((order) => order.sellerOrderId));
      const collection = db.collection<PurchaseDocument>('purchases');
      while (pending.size > 0 || (await consumer.lag()) !== 0) {
        if (Date.now() - started > GIVE_UP_MS) throw new Error('the consumer did not catch up in time');
        await new Promise((resolve) => setTimeout(resolve, 250));
        for (const id of pending)
          if ((await collection.findOne({ _id: id }))?.deliveredAt) pending.delete(id);
          else break;
      }
      const elapsedMs = Date.now() - started;
      const perEventMs = elapsedMs / messages.length;
      console.log(
        `reviews order events: ${messages.length} events (${ORDERS} checkouts, ${UNKNOWN} unknown deliveries) ` +
          `over ${PURCHASES} purchases in ${elapsedMs} ms: ${perEventMs.toFixed(1)} ms per event, ` +
          `${(1000 / perEventMs).toFixed(1)} events/s (baseline ${baseline.requestsPerSecond} req/s)`,
      );
      await writeFigures({
        at: new Date().toISOString(),
        purchases: PURCHASES,
        checkouts: ORDERS,
        unknownDeliveries: UNKNOWN,
        events: messages.length,
        elapsedMs,
        perEventMs: Math.round(perEventMs * 10) / 10,
        eventsPerSecond: Math.round(10_000 / perEventMs) / 10,
        loadAverages: loadavg(),
        baseline,
      });
    } finally {
      await consumer.stop();
    }
  } finally {
    await sender.close();
    await db.dropDatabase();
    await mongo.close();
  }
}

async function writeFigures(figures: Record<string, unknown>): Promise<void> {
  const dir = join(__dirname, 'results');
  const file = join(dir, 'reviews-order-events.json');
  await mkdir(dir, { recursive: true });
  const label = process.env.BENCH_LABEL;
  const earlier = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { runs?: Record<string, unknown> })
    : {};
  const runs = label ? { ...earlier.runs, [label]: figures } : earlier.runs;
  await writeFile(file, `${JSON.stringify({ ...figures, ...(runs ? { runs } : {}) }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
