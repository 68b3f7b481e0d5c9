import { currentContext } from '@marketplace/tenancy';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineEvent, enqueue, EventConsumer, EventEnvelope, EventHeaders, outbox, OutboxRelay, PARKED_ATTEMPTS } from '../src';
import {
  brokers,
  createTestDatabase,
  createTopics,
  deleteTopics,
  freePort,
  memoryLogger,
  readTopic,
  settle,
  startTcpForwarder,
  TestDatabase,
  uniqueName,
  waitFor,
} from './support';

function orderPaidEvent(topic: string) {
  return defineEvent({
    topic,
    type: 'order.paid',
    version: 1,
    payload: z.object({ orderId: z.string(), amount: z.number().int(), currency: z.string().length(3) }),
  });
}

async function createOrdersTable(db: TestDatabase['db']): Promise<void> {
  await db.execute(sql`CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, status VARCHAR(20) NOT NULL)`);
}

async function unpublishedRows(db: TestDatabase['db']) {
  return db.select().from(outbox).where(sql`${outbox.publishedAt} IS NULL`);
}

jest.setTimeout(60_000);

describe('outbox relay (real Kafka + MariaDB)', () => {
  let database: TestDatabase;
  let topic: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    await createOrdersTable(database.db);
    topic = uniqueName('events-test.orders');
    await createTopics([topic]);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await deleteTopics([topic, `${topic}.dlq`]);
    await database.drop();
  });

  function startRelay(options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay {
    const relay = new OutboxRelay({ db: database.db, brokers, clientId: uniqueName('relay'), logger: memoryLogger(), ...options });
    relay.start();
    cleanups.push(() => relay.stop());
    return relay;
  }

  it('publishes an event enqueued with a state change; the consumer receives exactly that envelope', async () => {
    const OrderPaid = orderPaidEvent(topic);
    const received: { event: EventEnvelope; tenantInContext: string | undefined; traceInContext: string | undefined }[] = [];
    const consumer = new EventConsumer({ db: database.db, brokers, clientId: uniqueName('c'), groupId: uniqueName('g'), logger: memoryLogger() });
    consumer.handle(OrderPaid, async (event) => {
      received.push({ event, tenantInContext: currentContext()?.tenantId, traceInContext: currentContext()?.traceId });
    });
    await consumer.start();
    cleanups.push(() => consumer.stop());
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    const relayLogger = memoryLogger();
    const relay = startRelay({ logger: relayLogger });

    const orderId = uniqueName('order');
    const event = OrderPaid.create({ orderId, amount: 4599, currency: 'EUR' }, { tenantId: uniqueName('tenant') });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO orders (id, status) VALUES (${orderId}, 'paid')`);
      await enqueue(tx, event, { key: orderId });
    });
    relay.notify();

    await waitFor('the consumer to receive the event', () => received.length === 1 && raw.messages.length === 1);
    expect(received[0]!.event).toEqual(event.envelope);
    expect(received[0]!.tenantInContext).toBe(event.envelope.tenantId);
    expect(received[0]!.traceInContext).toBe(event.envelope.traceId);

    const message = raw.messages[0]!;
    expect(message.key).toBe(orderId);
    expect(JSON.parse(message.value)).toEqual(event.envelope);
    expect(Object.fromEntries(message.headers)).toEqual({
      [EventHeaders.eventId]: event.envelope.id,
      [EventHeaders.eventType]: 'order.paid',
      [EventHeaders.eventVersion]: '1',
      [EventHeaders.traceId]: event.envelope.traceId,
      [EventHeaders.tenantId]: event.envelope.tenantId,
    });

    await waitFor('the row to be marked published', async () => (await unpublishedRows(database.db)).length === 0);
    const [row] = await database.db.select().from(outbox).where(eq(outbox.eventId, event.envelope.id));
    expect(row).toMatchObject({ topic, key: orderId, attempts: 0, lastError: null });
    expect(row!.publishedAt).toBeInstanceOf(Date);
    expect(relayLogger.lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const OrderPaid = orderPaidEvent(topic);
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    const relay = startRelay();

    const rolledBack = OrderPaid.create({ orderId: uniqueName('order'), amount: 100, currency: 'EUR' });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO orders (id, status) VALUES (${rolledBack.envelope.payload.orderId}, 'paid')`);
        await enqueue(tx, rolledBack, { key: rolledBack.envelope.payload.orderId });
        throw new Error('payment declined after all');
      }),
    ).rejects.toThrow('payment declined after all');

    // A later committed event proves the relay ran past the point where the rolled-back one would be.
    const committed = OrderPaid.create({ orderId: uniqueName('order'), amount: 200, currency: 'EUR' });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO orders (id, status) VALUES (${committed.envelope.payload.orderId}, 'paid')`);
      await enqueue(tx, committed, { key: committed.envelope.payload.orderId });
    });
    relay.notify();

    await waitFor('the committed event', () => raw.messages.length >= 1);
    await settle();
    expect(raw.messages.map((m) => JSON.parse(m.value).id)).toEqual([committed.envelope.id]);
    expect(await database.db.select({ id: outbox.eventId }).from(outbox)).toEqual([{ id: committed.envelope.id }]);
    const [orders] = await database.db.execute(sql`SELECT id FROM orders`);
    expect(orders).toEqual([{ id: committed.envelope.payload.orderId }]);
  });

  it('parks a message Kafka refuses (too large) instead of letting it block every row behind it', async () => {
    const OrderPaid = orderPaidEvent(topic);
    const OrderNoted = defineEvent({ topic, type: 'order.noted', version: 1, payload: z.object({ note: z.string() }) });
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    const poisonKey = uniqueName('order');
    // Beyond the broker's message.max.bytes (1 MiB by default): Kafka refuses it however often it is sent.
    const poison = OrderNoted.create({ note: 'x'.repeat(2 * 1024 * 1024) });
    const behindPoison = OrderPaid.create({ orderId: poisonKey, amount: 1, currency: 'EUR' });
    const others = [1, 2, 3].map((amount) => OrderPaid.create({ orderId: uniqueName('order'), amount, currency: 'EUR' }));
    await database.db.transaction(async (tx) => {
      await enqueue(tx, poison, { key: poisonKey });
      await enqueue(tx, behindPoison, { key: poisonKey });
      for (const event of others) await enqueue(tx, event, { key: event.envelope.payload.orderId });
    });
    const relay = startRelay({ maxAttempts: 2, backoff: { initialMs: 20, maxMs: 100 } });

    const published = () => raw.messages.map((message) => JSON.parse(message.value).id as string);
    await waitFor('the other keys\' events', () => others.every((event) => published().includes(event.envelope.id)));
    await waitFor('the poison row to be parked', async () => (await relay.parked()) === 1);
    // Once the poison row is aside, its key's next event follows.
    await waitFor('the event behind the poison row', () => published().includes(behindPoison.envelope.id));
    expect(published()).not.toContain(poison.envelope.id);
    // The relay marks a row published after Kafka acknowledged it, so the reader may see it a moment earlier.
    await waitFor('every row but the parked one published', async () => (await relay.depth()) === 0);
    const [parked] = await database.db.select().from(outbox).where(eq(outbox.eventId, poison.envelope.id));
    expect(parked).toMatchObject({ publishedAt: null, attempts: PARKED_ATTEMPTS });
    expect(parked!.lastError).toMatch(/large/i);
  });

  it('keeps rows while Kafka is unreachable, records the failure, then publishes each row exactly once and in key order', async () => {
    const OrderPaid = orderPaidEvent(topic);
    const port = await freePort();
    const logger = memoryLogger();
    const depths: number[] = [];
    startRelay({
      brokers: [`127.0.0.1:${port}`],
      logger,
      backoff: { initialMs: 100, maxMs: 400 },
      onDepth: (depth) => depths.push(depth),
      depthIntervalMs: 100,
    });

    const keys = [uniqueName('order'), uniqueName('order')];
    const enqueued: { key: string; id: string }[] = [];
    for (let i = 0; i < 6; i += 1) {
      const key = keys[i % 2]!;
      const event = OrderPaid.create({ orderId: key, amount: i, currency: 'EUR' });
      await database.db.transaction((tx) => enqueue(tx, event, { key }));
      enqueued.push({ key, id: event.envelope.id });
    }

    await waitFor('failed publish attempts to be recorded', async () => {
      const rows = await unpublishedRows(database.db);
      return rows.length === 6 && rows.every((r) => r.attempts >= 2 && r.lastError !== null);
    });
    expect(logger.lines.some((l) => l.level === 'warn' && l.msg === 'outbox relay failed; retrying')).toBe(true);
    await waitFor('the depth hook to report the backlog', () => depths.includes(6));

    // The broker address starts answering: the same relay instance recovers on its own.
    const forwarder = await startTcpForwarder(port, brokers[0]!);
    cleanups.push(() => forwarder.close());
    await waitFor('all rows to be published', async () => (await unpublishedRows(database.db)).length === 0);
    await waitFor('the depth hook to report an empty outbox', () => depths.at(-1) === 0);

    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    await waitFor('six messages', () => raw.messages.length >= 6);
    await settle();
    const published = raw.messages.map((m) => JSON.parse(m.value) as EventEnvelope);
    expect(published.map((e) => e.id).sort()).toEqual(enqueued.map((e) => e.id).sort());
    // Per key: one partition, offsets in enqueue order.
    for (const key of keys) {
      const inKafka = raw.messages.filter((m) => m.key === key).sort((a, b) => Number(a.offset - b.offset));
      expect(new Set(inKafka.map((m) => m.partition)).size).toBe(1);
      expect(inKafka.map((m) => JSON.parse(m.value).id)).toEqual(enqueued.filter((e) => e.key === key).map((e) => e.id));
    }
  });
  it('shares the outbox between two relay replicas: every row once, each key in order', async () => {
    const OrderPaid = orderPaidEvent(topic);
    const keys = [uniqueName('order'), uniqueName('order'), uniqueName('order')];
    const enqueued: { key: string; id: string }[] = [];
    for (let i = 0; i < 30; i += 1) {
      const key = keys[i % keys.length]!;
      const event = OrderPaid.create({ orderId: key, amount: i, currency: 'EUR' });
      await database.db.transaction((tx) => enqueue(tx, event, { key }));
      enqueued.push({ key, id: event.envelope.id });
    }
    startRelay({ batchSize: 4 });
    startRelay({ batchSize: 4 });

    await waitFor('all rows to be published', async () => (await unpublishedRows(database.db)).length === 0);
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    await waitFor('thirty messages', () => raw.messages.length >= 30);
    await settle();
    expect(raw.messages.map((m) => JSON.parse(m.value).id).sort()).toEqual(enqueued.map((e) => e.id).sort());
    for (const key of keys) {
      const inKafka = raw.messages.filter((m) => m.key === key).sort((a, b) => Number(a.offset - b.offset));
      expect(inKafka.map((m) => JSON.parse(m.value).id)).toEqual(enqueued.filter((e) => e.key === key).map((e) => e.id));
    }
  });
});
