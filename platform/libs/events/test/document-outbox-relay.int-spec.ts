import { Collection } from 'mongodb';
import { z } from 'zod';
import {
  defineEvent,
  DocumentOutbox,
  DocumentOutboxFields,
  DocumentOutboxRelay,
  EventHeaders,
  KafkaSender,
} from '../src';
import {
  brokers,
  createTopics,
  deleteTopics,
  freePort,
  memoryLogger,
  mongoDatabasePerTest,
  readTopic,
  settle,
  startTcpForwarder,
  uniqueName,
  waitFor,
} from './support';

interface OrderDocument extends DocumentOutboxFields {
  _id: string;
  status: string;
  deletedAt: Date | null;
}

function orderEvent(topic: string) {
  return defineEvent({
    topic,
    type: 'order.changed',
    version: 1,
    payload: z.object({ orderId: z.string(), status: z.string() }),
  });
}

jest.setTimeout(60_000);

describe('document outbox relay (real FerretDB + Kafka)', () => {
  const mongo = mongoDatabasePerTest();
  let orders: Collection<OrderDocument>;
  let topic: string;
  let event: ReturnType<typeof orderEvent>;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    orders = mongo.db.collection<OrderDocument>('orders');
    topic = uniqueName('events-test.docs');
    event = orderEvent(topic);
    await createTopics([topic]);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await deleteTopics([topic]);
  });

  function startRelay(
    options: Partial<ConstructorParameters<typeof DocumentOutboxRelay>[0]> = {},
  ): DocumentOutboxRelay {
    const relay = new DocumentOutboxRelay({
      collections: [orders],
      sender: new KafkaSender({ brokers, clientId: uniqueName('doc-relay') }),
      logger: memoryLogger(),
      pollIntervalMs: 50,
      ...options,
    });
    relay.start();
    cleanups.push(() => relay.stop());
    return relay;
  }

  async function readAll() {
    const reader = await readTopic(topic);
    cleanups.push(() => reader.stop());
    return reader.messages;
  }

  /** Inserts an order with its creation event, then applies status changes each with its own event. */
  async function orderWithHistory(id: string, statuses: string[]): Promise<string[]> {
    const created = event.create({ orderId: id, status: 'new' }, { tenantId: 't1' });
    await orders.insertOne({
      _id: id,
      status: 'new',
      deletedAt: null,
      ...DocumentOutbox.initial(id, [created]),
    });
    const ids = [created.envelope.id];
    for (const status of statuses) {
      const changed = event.create({ orderId: id, status }, { tenantId: 't1' });
      await orders.updateOne({ _id: id }, DocumentOutbox.stage({ $set: { status } }, id, [changed]));
      ids.push(changed.envelope.id);
    }
    return ids;
  }

  it('publishes each document’s events in order, keyed by the aggregate, then removes exactly those', async () => {
    const a = await orderWithHistory('order-a', ['paid', 'shipped', 'delivered']);
    const b = await orderWithHistory('order-b', ['cancelled']);
    const messages = await readAll();
    const depths: number[] = [];
    startRelay({ onDepth: (depth) => depths.push(depth), depthIntervalMs: 50 });

    await waitFor('all six events', () => messages.length === 6);
    for (const [key, ids] of [
      ['order-a', a],
      ['order-b', b],
    ] as const) {
      const ofKey = messages.filter((m) => m.key === key);
      expect(ofKey.map((m) => m.headers.get(EventHeaders.eventId))).toEqual(ids);
      expect(ofKey.map((m) => (JSON.parse(m.value!) as { id: string }).id)).toEqual(ids);
    }
    expect(messages[0]!.headers.get(EventHeaders.tenantId)).toBe('t1');
    await waitFor(
      'outboxes emptied',
      async () => (await orders.countDocuments({ pendingEventCount: { $gt: 0 } })) === 0,
    );
    expect(await orders.findOne({ _id: 'order-a' })).toEqual({
      _id: 'order-a',
      status: 'delivered',
      deletedAt: null,
      pendingEvents: {},
      pendingEventCount: 0,
    });
    await waitFor('depth reported as zero', () => depths.includes(0));
    expect(Math.max(...depths)).toBeLessThanOrEqual(6);
  });

  it('leaves an event staged while the relay publishes others untouched, and publishes it next', async () => {
    await orderWithHistory('order-c', []);
    const messages = await readAll();
    const relay = startRelay();
    await waitFor('first event', () => messages.length === 1);
    const late = event.create({ orderId: 'order-c', status: 'paid' }, { tenantId: 't1' });
    await orders.updateOne(
      { _id: 'order-c' },
      DocumentOutbox.stage({ $set: { status: 'paid' } }, 'order-c', [late]),
    );
    relay.notify();
    await waitFor('second event', () => messages.length === 2);
    expect(messages[1]!.headers.get(EventHeaders.eventId)).toBe(late.envelope.id);
    await waitFor(
      'outbox emptied',
      async () => (await orders.findOne({ _id: 'order-c' }))?.pendingEventCount === 0,
    );
    expect(await relay.depth()).toBe(0);
  });

  it("sends a written document's events from the writer's copy at once, in order and once, then a pass removes them", async () => {
    // Polling every ten minutes: only the written copies can make these events leave within the test.
    const relay = startRelay({ pollIntervalMs: 600_000 });
    const messages = await readAll();
    await settle(300);
    const created = event.create({ orderId: 'order-w', status: 'new' }, { tenantId: 't1' });
    const first = {
      _id: 'order-w',
      status: 'new',
      deletedAt: null,
      ...DocumentOutbox.initial('order-w', [created]),
    };
    await orders.insertOne(first);
    const paid = event.create({ orderId: 'order-w', status: 'paid' }, { tenantId: 't1' });
    await orders.updateOne(
      { _id: 'order-w' },
      DocumentOutbox.stage({ $set: { status: 'paid' } }, 'order-w', [paid]),
    );
    const second = (await orders.findOne({ _id: 'order-w' }))!;
    // The later copy first: still one of each, in order.
    relay.publishWritten([second, first]);
    await waitFor('both events', () => messages.length >= 2);
    await waitFor(
      'outbox emptied',
      async () => (await orders.findOne({ _id: 'order-w' }))?.pendingEventCount === 0,
    );
    expect(messages.map((m) => m.headers.get(EventHeaders.eventId))).toEqual([
      created.envelope.id,
      paid.envelope.id,
    ]);
    // A copy read before the removal sends nothing again.
    relay.publishWritten([second]);
    await settle(500);
    expect(messages).toHaveLength(2);
  });

  it('never sends from a partial copy (its outbox short of its count): a pass sends the events in order', async () => {
    const relay = startRelay({ pollIntervalMs: 600_000 });
    const messages = await readAll();
    await settle(300);
    const ids = await orderWithHistory('order-p', ['paid']);
    const stored = (await orders.findOne({ _id: 'order-p' }))!;
    const newest = Object.fromEntries(Object.entries(stored.pendingEvents!).filter(([id]) => id !== ids[0]));
    relay.publishWritten([{ ...stored, pendingEvents: newest }]);
    await waitFor('both events', () => messages.length >= 2);
    expect(messages.map((m) => m.headers.get(EventHeaders.eventId))).toEqual(ids);
  });

  it('leaves written copies to the passes while it is stopped', async () => {
    const relay = new DocumentOutboxRelay({
      collections: [orders],
      sender: new KafkaSender({ brokers, clientId: uniqueName('doc-relay') }),
      logger: memoryLogger(),
    });
    const messages = await readAll();
    const ids = await orderWithHistory('order-s', []);
    relay.publishWritten([(await orders.findOne({ _id: 'order-s' }))!]);
    await settle(500);
    expect(messages).toHaveLength(0);
    relay.start();
    cleanups.push(() => relay.stop());
    await waitFor('the event, from a pass', () => messages.length === 1);
    expect(messages[0]!.headers.get(EventHeaders.eventId)).toBe(ids[0]);
  });

  it('keeps events staged while Kafka is unreachable and publishes them once it is back', async () => {
    const ids = await orderWithHistory('order-d', ['paid']);
    const port = await freePort();
    const logger = memoryLogger();
    const messages = await readAll();
    const relay = startRelay({
      sender: new KafkaSender({ brokers: [`127.0.0.1:${port}`], clientId: uniqueName('doc-relay') }),
      logger,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    await waitFor('a failed attempt', () => logger.lines.some((l) => l.level === 'warn'));
    expect(await relay.depth()).toBe(2);
    expect(messages).toHaveLength(0);

    const forwarder = await startTcpForwarder(port, brokers[0]!);
    cleanups.push(() => forwarder.close());
    await waitFor('events published after recovery', () => messages.length >= 2);
    expect([...new Set(messages.map((m) => m.headers.get(EventHeaders.eventId)))]).toEqual(ids);
    await waitFor('outbox emptied', async () => (await relay.depth()) === 0);
  });

  it('runs afterPublish once a document’s events are out, e.g. to drop a drained tombstone', async () => {
    await orderWithHistory('order-e', []);
    const removed = event.create({ orderId: 'order-e', status: 'deleted' }, { tenantId: 't1' });
    await orders.updateOne(
      { _id: 'order-e' },
      DocumentOutbox.stage({ $set: { deletedAt: new Date() } }, 'order-e', [removed]),
    );
    await orderWithHistory('order-f', []);
    const messages = await readAll();
    const passed: unknown[] = [];
    startRelay({
      afterPublishFields: ['deletedAt'],
      // The documents as the pass read them: the tombstone is known without another read.
      afterPublish: async (collection, documents) => {
        passed.push(...documents);
        for (const { _id } of documents.filter((doc) => doc.deletedAt))
          await collection.deleteOne({ _id, pendingEventCount: 0 });
      },
    });
    await waitFor('three events', () => messages.length === 3);
    await waitFor('tombstone dropped', async () => (await orders.findOne({ _id: 'order-e' })) === null);
    await settle(300);
    expect(await orders.findOne({ _id: 'order-f' })).toMatchObject({ status: 'new', pendingEventCount: 0 });
    expect(passed).toEqual(
      expect.arrayContaining([
        { _id: 'order-e', pendingEventCount: 2, deletedAt: expect.any(Date) },
        { _id: 'order-f', pendingEventCount: 1, deletedAt: null },
      ]),
    );
  });

  it("parks a document's events Kafka refuses (too large) instead of letting them block the documents behind it", async () => {
    // Beyond the broker's message.max.bytes (1 MiB by default): Kafka refuses it however often it is sent.
    const poison = event.create(
      { orderId: 'order-p', status: 'x'.repeat(2 * 1024 * 1024) },
      { tenantId: 't1' },
    );
    await orders.insertOne({
      _id: 'order-p',
      status: 'new',
      deletedAt: null,
      ...DocumentOutbox.initial('order-p', [poison]),
    });
    const behind = [
      ...(await orderWithHistory('order-q', ['paid'])),
      ...(await orderWithHistory('order-r', [])),
    ];
    const messages = await readAll();
    const relay = startRelay({ maxAttempts: 2, backoff: { initialMs: 20, maxMs: 100 } });

    const published = () => messages.map((message) => message.headers.get(EventHeaders.eventId));
    await waitFor('the events of the documents behind the poison one', () =>
      behind.every((id) => published().includes(id)),
    );
    await waitFor('the poison event to be parked', async () => (await relay.parked()) === 1);
    await waitFor('nothing left pending', async () => (await relay.depth()) === 0);
    expect(published()).not.toContain(poison.envelope.id);
    const parked = await orders.findOne({ _id: 'order-p' });
    expect(parked).toMatchObject({ status: 'new', pendingEventCount: 0, parkedEventCount: 1 });
    expect(parked!.parkedEvents![poison.envelope.id]).toMatchObject({
      key: 'order-p',
      lastError: expect.stringMatching(/large/i),
    });

    // The document's later events are no longer held back by the parked one.
    const next = event.create({ orderId: 'order-p', status: 'paid' }, { tenantId: 't1' });
    await orders.updateOne(
      { _id: 'order-p' },
      DocumentOutbox.stage({ $set: { status: 'paid' } }, 'order-p', [next]),
    );
    relay.notify();
    await waitFor('the next event of the poison document', () => published().includes(next.envelope.id));
  });

  it('parks nothing while Kafka is unreachable', async () => {
    await orderWithHistory('order-s', []);
    await orderWithHistory('order-t', []);
    const relay = startRelay({
      sender: new KafkaSender({
        brokers: [`127.0.0.1:${await freePort()}`],
        clientId: uniqueName('doc-relay'),
      }),
      maxAttempts: 1,
      backoff: { initialMs: 20, maxMs: 50 },
    });
    await settle(1500);
    expect(await relay.parked()).toBe(0);
    expect(await relay.depth()).toBe(2);
  });

  it('refuses to start without collections', () => {
    expect(
      () => new DocumentOutboxRelay({ collections: [], sender: new KafkaSender({ brokers, clientId: 'x' }) }),
    ).toThrow(/collection/);
  });
});
