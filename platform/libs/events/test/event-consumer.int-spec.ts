import { sql } from 'drizzle-orm';
import { ServiceClient } from '@marketplace/resilience';
import { z } from 'zod';
import {
  DeadLetterHeaders,
  defineEvent,
  EventConsumer,
  EventConsumerOptions,
  EventEnvelope,
  NonRetryableEventError,
  processedEvents,
} from '../src';
import {
  brokers,
  createTestDatabase,
  createTopics,
  deleteTopics,
  freePort,
  memoryLogger,
  produceRaw,
  readTopic,
  settle,
  TestDatabase,
  uniqueName,
  waitFor,
} from './support';

jest.setTimeout(60_000);

function stockEvents(topic: string) {
  return {
    StockReserved: defineEvent({
      topic,
      type: 'stock.reserved',
      version: 1,
      payload: z.object({ variantId: z.string(), quantity: z.number().int().positive() }),
    }),
    StockReleased: defineEvent({
      topic,
      type: 'stock.released',
      version: 1,
      payload: z.object({ variantId: z.string(), quantity: z.number().int().positive() }),
    }),
  };
}

function asMessage(topic: string, key: string, envelope: EventEnvelope) {
  return { topic, key, value: JSON.stringify(envelope) };
}

describe('EventConsumer (real Kafka + MariaDB)', () => {
  let database: TestDatabase;
  let topic: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    await database.db.execute(
      sql`CREATE TABLE reservations (event_id CHAR(26) PRIMARY KEY, variant_id VARCHAR(64) NOT NULL, quantity INT NOT NULL)`,
    );
    topic = uniqueName('events-test.stock');
    await createTopics([topic, `${topic}.dlq`]);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await deleteTopics([topic, `${topic}.dlq`]);
    await database.drop();
  });

  async function startConsumer(
    configure: (consumer: EventConsumer) => void,
    options: Partial<EventConsumerOptions> = {},
  ): Promise<EventConsumer> {
    const consumer = new EventConsumer({
      db: database.db,
      brokers,
      clientId: uniqueName('consumer'),
      groupId: uniqueName('group'),
      logger: memoryLogger(),
      retryBackoff: { initialMs: 20, maxMs: 100 },
      ...options,
    });
    configure(consumer);
    await consumer.start();
    cleanups.push(() => consumer.stop());
    return consumer;
  }

  async function reservations(): Promise<{ event_id: string; quantity: number }[]> {
    const [rows] = await database.db.execute(
      sql`SELECT event_id, quantity FROM reservations ORDER BY event_id`,
    );
    return rows as unknown as { event_id: string; quantity: number }[];
  }

  it('handles an event delivered twice only once, and records it as processed for its group', async () => {
    const { StockReserved } = stockEvents(topic);
    const groupId = uniqueName('group');
    const handled: string[] = [];
    await startConsumer(
      (c) =>
        c.handle(StockReserved, async (event, { tx }) => {
          handled.push(event.id);
          await tx.execute(
            sql`INSERT INTO reservations (event_id, variant_id, quantity) VALUES (${event.id}, ${event.payload.variantId}, ${event.payload.quantity})`,
          );
        }),
      { groupId },
    );

    const variantId = uniqueName('variant');
    const duplicated = StockReserved.create({ variantId, quantity: 2 }).envelope;
    const marker = StockReserved.create({ variantId, quantity: 5 }).envelope;
    // Same key, so one partition: the marker is handled after both copies.
    await produceRaw([
      asMessage(topic, variantId, duplicated),
      asMessage(topic, variantId, duplicated),
      asMessage(topic, variantId, marker),
    ]);

    await waitFor('the marker event', () => handled.includes(marker.id));
    expect(handled).toEqual([duplicated.id, marker.id]);
    expect(await reservations()).toEqual(
      [
        { event_id: duplicated.id, quantity: 2 },
        { event_id: marker.id, quantity: 5 },
      ].sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
    const processed = await database.db.select().from(processedEvents);
    expect(processed.map((p) => [p.eventId, p.consumerGroup]).sort()).toEqual(
      [
        [duplicated.id, groupId],
        [marker.id, groupId],
      ].sort(),
    );
  });

  it('re-joins after its message stream fails, reporting the outage in its status, and handles later events', async () => {
    const { StockReserved } = stockEvents(topic);
    const handled: string[] = [];
    const consumer = await startConsumer(
      (c) =>
        c.handle(StockReserved, async (event) => {
          handled.push(event.id);
        }),
      { restartBackoff: { initialMs: 300, maxMs: 300 } },
    );
    const key = uniqueName('variant');
    const before = StockReserved.create({ variantId: key, quantity: 1 }).envelope;
    await produceRaw([asMessage(topic, key, before)]);
    await waitFor('the first event', () => handled.includes(before.id));
    expect(consumer.status()).toMatchObject({ state: 'running', restarts: 0 });

    // What a broken connection does to the stream: it fails with an error (the stream is the consumer's own).
    (consumer as unknown as { stream: { destroy(error: Error): void } }).stream.destroy(
      new Error('connection reset by broker'),
    );
    await waitFor('the consumer to notice', () => consumer.status().restarts === 1);
    expect(consumer.status()).toMatchObject({ restarts: 1, lastError: 'Error: connection reset by broker' });
    expect(consumer.running).toBe(consumer.status().state === 'running');

    const after = StockReserved.create({ variantId: key, quantity: 2 }).envelope;
    await produceRaw([asMessage(topic, key, after)]);
    await waitFor('the event after the failure', () => handled.includes(after.id));
    expect(consumer.status()).toMatchObject({ state: 'running', restarts: 1 });
    expect(handled.filter((id) => id === before.id)).toHaveLength(1);
    await waitFor('the lag figure', async () => (await consumer.lag()) === 0);
  });

  it('sends poison messages to <topic>.dlq with the error, commits them and goes on with the next events', async () => {
    const { StockReserved } = stockEvents(topic);
    const handled: string[] = [];
    const groupId = uniqueName('group');
    const key = uniqueName('variant');
    const refused = StockReserved.create({ variantId: key, quantity: 1 }).envelope;
    const alwaysFailing = StockReserved.create({ variantId: key, quantity: 1 }).envelope;
    const good = StockReserved.create({ variantId: key, quantity: 3 }).envelope;
    const attempts = new Map<string, number>();
    const configure = (c: EventConsumer) =>
      c.handle(StockReserved, async (event, { tx }) => {
        attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
        await tx.execute(
          sql`INSERT INTO reservations (event_id, variant_id, quantity) VALUES (${event.id}, ${key}, 1)`,
        );
        if (event.id === refused.id) throw new NonRetryableEventError(`variant ${key} does not exist`);
        if (event.id === alwaysFailing.id) throw new Error('warehouse service unavailable');
        handled.push(event.id);
      });
    const consumer = await startConsumer(configure, { groupId, maxAttempts: 3 });
    const dlq = await readTopic(`${topic}.dlq`);
    cleanups.push(() => dlq.stop());

    const badPayload = {
      ...StockReserved.create({ variantId: key, quantity: 1 }).envelope,
      payload: { variantId: key, quantity: -4 },
    };
    const unknownVersion = { ...StockReserved.create({ variantId: key, quantity: 1 }).envelope, version: 9 };
    await produceRaw([
      { topic, key, value: 'this is not JSON', headers: { origin: 'test' } },
      asMessage(topic, key, badPayload),
      asMessage(topic, key, unknownVersion),
      asMessage(topic, key, refused),
      asMessage(topic, key, alwaysFailing),
      asMessage(topic, key, good),
    ]);

    await waitFor('the good event after the poison ones', () => handled.includes(good.id));
    await waitFor('five dead letters', () => dlq.messages.length >= 5);
    // What operators alert on (event_consumer_dead_lettered): every message this consumer moved aside.
    expect(consumer.status().deadLettered).toBe(5);
    const letters = dlq.messages.map((m) => ({
      value: m.value,
      key: m.key,
      headers: Object.fromEntries(m.headers),
    }));
    expect(letters.map((l) => l.value)).toEqual([
      'this is not JSON',
      JSON.stringify(badPayload),
      JSON.stringify(unknownVersion),
      JSON.stringify(refused),
      JSON.stringify(alwaysFailing),
    ]);
    for (const letter of letters) {
      expect(letter.key).toBe(key);
      expect(letter.headers).toMatchObject({
        [DeadLetterHeaders.consumerGroup]: groupId,
        [DeadLetterHeaders.originalTopic]: topic,
        [DeadLetterHeaders.originalOffset]: expect.stringMatching(/^\d+$/),
      });
    }
    expect(letters[0]!.headers).toMatchObject({
      origin: 'test',
      [DeadLetterHeaders.errorName]: 'EventValidationError',
    });
    expect(letters[0]!.headers[DeadLetterHeaders.error]).toContain('not JSON');
    expect(letters[1]!.headers[DeadLetterHeaders.error]).toContain('quantity');
    expect(letters[2]!.headers[DeadLetterHeaders.error]).toContain('version 9 is not supported');
    expect(letters[3]!.headers).toMatchObject({
      [DeadLetterHeaders.errorName]: 'NonRetryableEventError',
      [DeadLetterHeaders.attempts]: '1',
    });
    expect(letters[3]!.headers[DeadLetterHeaders.error]).toContain(`variant ${key} does not exist`);
    expect(letters[4]!.headers).toMatchObject({ [DeadLetterHeaders.attempts]: '3' });
    expect(letters[4]!.headers[DeadLetterHeaders.error]).toContain('warehouse service unavailable');
    expect(attempts.get(refused.id)).toBe(1);
    expect(attempts.get(alwaysFailing.id)).toBe(3);
    // Failed attempts rolled back their DB work; only the good event's row remains.
    expect((await reservations()).map((r) => r.event_id)).toEqual([good.id]);

    // The poison messages were committed: a restarted member of the group does not see them again.
    await cleanups.shift()!();
    const again: string[] = [];
    await startConsumer((c) => c.handle(StockReserved, async (event) => void again.push(event.id)), {
      groupId,
    });
    const next = StockReserved.create({ variantId: key, quantity: 1 }).envelope;
    await produceRaw([asMessage(topic, key, next)]);
    await waitFor('the next event', () => again.includes(next.id));
    await settle(500);
    expect(again).toEqual([next.id]);
    expect(dlq.messages).toHaveLength(5);
  });

  it('retries a transiently failing handler with backoff and commits its work once', async () => {
    const { StockReserved } = stockEvents(topic);
    const key = uniqueName('variant');
    const attemptsSeen: number[] = [];
    await startConsumer((c) =>
      c.handle(StockReserved, async (event, { tx, attempt }) => {
        attemptsSeen.push(attempt);
        await tx.execute(
          sql`INSERT INTO reservations (event_id, variant_id, quantity) VALUES (${event.id}, ${key}, ${event.payload.quantity})`,
        );
        if (attempt < 3) throw new Error('deadlock found when trying to get lock');
      }),
    );
    const event = StockReserved.create({ variantId: key, quantity: 7 }).envelope;
    await produceRaw([asMessage(topic, key, event)]);
    await waitFor('the third attempt to succeed', async () => (await reservations()).length === 1);
    expect(attemptsSeen).toEqual([1, 2, 3]);
    expect(await reservations()).toEqual([{ event_id: event.id, quantity: 7 }]);
  });

  it('retries a handler failing because a service it calls is down beyond maxAttempts, without dead-lettering it', async () => {
    const { StockReserved } = stockEvents(topic);
    const key = uniqueName('variant');
    // A real call to a port nothing listens on: the service the handler needs is down for its first five attempts.
    const port = await freePort();
    const pricing = new ServiceClient({
      service: 'pricing',
      baseUrl: `http://127.0.0.1:${port}`,
      policy: {
        timeoutMs: 500,
        retries: 0,
        backoff: { initialMs: 10, maxMs: 10 },
        breaker: { threshold: 100, halfOpenAfterMs: 1000 },
      },
    });
    const attemptsSeen: number[] = [];
    const consumer = await startConsumer(
      (c) =>
        c.handle(StockReserved, async (event, { tx, attempt }) => {
          attemptsSeen.push(attempt);
          if (attempt <= 5) await pricing.get('/prices');
          await tx.execute(
            sql`INSERT INTO reservations (event_id, variant_id, quantity) VALUES (${event.id}, ${key}, ${event.payload.quantity})`,
          );
        }),
      { maxAttempts: 2 },
    );
    const dlq = await readTopic(`${topic}.dlq`);
    cleanups.push(() => dlq.stop());
    const event = StockReserved.create({ variantId: key, quantity: 4 }).envelope;
    await produceRaw([asMessage(topic, key, event)]);
    await waitFor('the attempt after the outage to succeed', async () => (await reservations()).length === 1);
    expect(attemptsSeen).toEqual([1, 2, 3, 4, 5, 6]);
    await settle();
    expect(dlq.messages).toHaveLength(0);
    expect(consumer.status().deadLettered).toBe(0);
  });

  it('from the latest offset, handles what is published the moment start() has resolved', async () => {
    const { StockReserved } = stockEvents(topic);
    const handled: string[] = [];
    for (let round = 0; round < 3; round++) {
      await startConsumer((c) => c.handle(StockReserved, async (event) => void handled.push(event.id)), {
        startFrom: 'latest',
      });
      const variantId = uniqueName('variant');
      const first = StockReserved.create({ variantId, quantity: 1 }).envelope;
      await produceRaw([asMessage(topic, variantId, first)]);
      await waitFor(`the event published right after start (round ${round + 1})`, () =>
        handled.includes(first.id),
      );
    }
  });

  it('commits and skips event types it has no handler for', async () => {
    const { StockReserved, StockReleased } = stockEvents(topic);
    const key = uniqueName('variant');
    const handled: string[] = [];
    await startConsumer((c) => c.handle(StockReserved, async (event) => void handled.push(event.id)));
    const dlq = await readTopic(`${topic}.dlq`);
    cleanups.push(() => dlq.stop());

    const released = StockReleased.create({ variantId: key, quantity: 1 }).envelope;
    const reserved = StockReserved.create({ variantId: key, quantity: 1 }).envelope;
    await produceRaw([asMessage(topic, key, released), asMessage(topic, key, reserved)]);
    await waitFor('the handled type', () => handled.includes(reserved.id));
    await settle(500);
    expect(handled).toEqual([reserved.id]);
    expect(dlq.messages).toHaveLength(0);
  });

  it('commits and skips, unrecorded, the events a handler’s `only` leaves out', async () => {
    const { StockReserved } = stockEvents(topic);
    const key = uniqueName('variant');
    const handled: string[] = [];
    const consumer = await startConsumer((c) =>
      c.handle(StockReserved, async (event) => void handled.push(event.id), {
        only: (event) => event.payload.quantity > 1,
      }),
    );

    const single = StockReserved.create({ variantId: key, quantity: 1 }).envelope;
    const double = StockReserved.create({ variantId: key, quantity: 2 }).envelope;
    await produceRaw([asMessage(topic, key, single), asMessage(topic, key, double)]);
    await waitFor('the wanted event', () => handled.includes(double.id));
    expect(handled).toEqual([double.id]);
    const processed = await database.db.select().from(processedEvents);
    expect(processed.map((p) => p.eventId)).toEqual([double.id]);
    await waitFor('everything committed', async () => (await consumer.lag()) === 0);
  });

  it('with concurrency, handles keys side by side yet each key in order, once, and commits everything', async () => {
    const { StockReserved } = stockEvents(topic);
    const groupId = uniqueName('group');
    const seen = new Map<string, number[]>();
    let running = 0;
    let most = 0;
    const consumer = await startConsumer(
      (c) =>
        c.handle(StockReserved, async (event) => {
          running += 1;
          most = Math.max(most, running);
          await settle(20);
          seen.set(event.payload.variantId, [
            ...(seen.get(event.payload.variantId) ?? []),
            event.payload.quantity,
          ]);
          running -= 1;
        }),
      { groupId, concurrency: 8 },
    );

    const keys = Array.from({ length: 12 }, () => uniqueName('variant'));
    const messages = [];
    for (let quantity = 1; quantity <= 5; quantity += 1)
      for (const key of keys)
        messages.push(asMessage(topic, key, StockReserved.create({ variantId: key, quantity }).envelope));
    await produceRaw(messages);

    await waitFor('every event', () => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === 60);
    for (const key of keys) expect(seen.get(key)).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
    await waitFor('every offset committed', async () => (await consumer.lag()) === 0);

    // The group resumes after the last commit: nothing is handled again.
    await consumer.stop();
    const handledAfter: string[] = [];
    const resumed = new EventConsumer({
      db: database.db,
      brokers,
      clientId: uniqueName('consumer'),
      groupId,
      logger: memoryLogger(),
      concurrency: 8,
      maxAttempts: 1,
    });
    resumed.handle(StockReserved, async (event) => {
      handledAfter.push(event.id);
    });
    await resumed.start();
    cleanups.push(() => resumed.stop());
    const marker = StockReserved.create({ variantId: keys[0]!, quantity: 6 }).envelope;
    await produceRaw([asMessage(topic, keys[0]!, marker)]);
    await waitFor('the marker', () => handledAfter.includes(marker.id));
    expect(handledAfter).toEqual([marker.id]);
  });

  it('with batch, handles what arrived together in one transaction, each key in order, once, and falls back to one at a time', async () => {
    const { StockReserved } = stockEvents(topic);
    const groupId = uniqueName('group');
    const batches: number[] = [];
    const seen = new Map<string, number[]>();
    const oneByOne: string[] = [];
    const poisonKey = uniqueName('variant');
    const consumer = await startConsumer(
      (c) =>
        c
          .handle(StockReserved, async (event, { tx }) => {
            if (event.payload.variantId === poisonKey && event.payload.quantity === 2)
              throw new NonRetryableEventError('no such variant');
            oneByOne.push(event.id);
            await tx.execute(
              sql`INSERT INTO reservations (event_id, variant_id, quantity) VALUES (${event.id}, ${event.payload.variantId}, ${event.payload.quantity})`,
            );
          })
          .handleBatch(async (items, tx) => {
            batches.push(items.length);
            for (const { event } of items) {
              const { variantId, quantity } = event.payload as { variantId: string; quantity: number };
              if (variantId === poisonKey && quantity === 2) throw new Error('no such variant');
              await tx.execute(
                sql`INSERT INTO reservations (event_id, variant_id, quantity) VALUES (${event.id}, ${variantId}, ${quantity})`,
              );
            }
            for (const { event } of items) {
              const { variantId, quantity } = event.payload as { variantId: string; quantity: number };
              seen.set(variantId, [...(seen.get(variantId) ?? []), quantity]);
            }
          }),
      { groupId, batch: { maxMessages: 50 } },
    );

    const keys = Array.from({ length: 12 }, () => uniqueName('variant'));
    const messages = [];
    for (let quantity = 1; quantity <= 10; quantity += 1)
      for (const key of keys)
        messages.push(asMessage(topic, key, StockReserved.create({ variantId: key, quantity }).envelope));
    const duplicated = StockReserved.create({ variantId: keys[0]!, quantity: 11 }).envelope;
    messages.push(asMessage(topic, keys[0]!, duplicated), asMessage(topic, keys[0]!, duplicated));
    await produceRaw(messages);

    await waitFor(
      'every event',
      () => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === 121,
    );
    for (const key of keys.slice(1)) expect(seen.get(key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seen.get(keys[0]!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // What arrived while a batch ran went together; a batch never exceeds its limit.
    expect(Math.max(...batches)).toBeGreaterThan(1);
    expect(Math.max(...batches)).toBeLessThanOrEqual(50);
    expect(oneByOne).toEqual([]);
    expect((await reservations()).length).toBe(121);
    await waitFor('every offset committed', async () => (await consumer.lag()) === 0);

    // A batch with a message its handler cannot take is handled again one at a time: the rest go through once,
    // the poison message goes to the dead-letter topic, and the batch's partial work was rolled back.
    const dlq = await readTopic(`${topic}.dlq`);
    cleanups.push(() => dlq.stop());
    const poisonBatch = [1, 2, 3].map(
      (quantity) => StockReserved.create({ variantId: poisonKey, quantity }).envelope,
    );
    await produceRaw(poisonBatch.map((envelope) => asMessage(topic, poisonKey, envelope)));
    await waitFor('the dead-lettered message', () => dlq.messages.length === 1);
    expect(JSON.parse(dlq.messages[0]!.value!)).toMatchObject({ id: poisonBatch[1]!.id });
    await waitFor('every offset committed', async () => (await consumer.lag()) === 0);
    // The reservations' primary key proves each went in once (a rolled-back batch's rows included).
    const ids = (await reservations()).map((row) => row.event_id);
    expect(ids).toHaveLength(123);
    expect(ids).toEqual(expect.arrayContaining([poisonBatch[0]!.id, poisonBatch[2]!.id]));
    expect(ids).not.toContain(poisonBatch[1]!.id);
  });

  it('with batch, handles a redelivered event of a batch (recorded before) not again, and the rest of the batch once', async () => {
    const { StockReserved } = stockEvents(topic);
    const groupId = uniqueName('group');
    const batched: string[] = [];
    const oneByOne: string[] = [];
    const consumer = await startConsumer(
      (c) =>
        c
          .handle(StockReserved, async (event) => {
            oneByOne.push(event.id);
          })
          .handleBatch(async (items) => {
            batched.push(...items.map((item) => item.event.id));
          }),
      { groupId, batch: { maxMessages: 50 } },
    );
    const key = uniqueName('variant');
    const first = StockReserved.create({ variantId: key, quantity: 1 }).envelope;
    await produceRaw([asMessage(topic, key, first)]);
    await waitFor('the first event', () => batched.includes(first.id));

    const second = StockReserved.create({ variantId: key, quantity: 2 }).envelope;
    await produceRaw([asMessage(topic, key, first), asMessage(topic, key, second)]);
    await waitFor('the second event', () => batched.includes(second.id));
    await waitFor('every offset committed', async () => (await consumer.lag()) === 0);
    expect(batched).toEqual([first.id, second.id]);
    // The processed-events record refused the repeat inside the batch's transaction: no fallback ran.
    expect(oneByOne).toEqual([]);
  });

  it('refuses batch options it cannot honour', () => {
    const base = { brokers, clientId: 'c', groupId: 'g', db: database.db };
    expect(() => new EventConsumer({ ...base, batch: { maxMessages: 0 } })).toThrow(/positive integer/);
    expect(() => new EventConsumer({ ...base, concurrency: 4, batch: { maxMessages: 10 } })).toThrow(
      /cannot be combined/,
    );
    expect(() => new EventConsumer({ ...base }).handleBatch(async () => undefined)).toThrow(/batch option/);
  });
});
