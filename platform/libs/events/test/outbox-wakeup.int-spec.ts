import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { z } from 'zod';
import {
  defineEvent,
  enqueue,
  MySqlDb,
  onOutboxCommit,
  outbox,
  OutboxRelay,
  wakeRelaysOnOutboxCommit,
} from '../src';
import {
  brokers,
  createTestDatabase,
  createTopics,
  deleteTopics,
  memoryLogger,
  readTopic,
  settle,
  TestDatabase,
  uniqueName,
  waitFor,
} from './support';

const mysqlUrl = process.env.MYSQL_URL ?? 'mysql://marketplace:marketplace@127.0.0.1:13306';
/** Far beyond every wait below: what the relay publishes here, a commit woke it for. */
const IDLE_POLL_MS = 600_000;

jest.setTimeout(60_000);

describe('outbox relay woken by commits (real Kafka + MariaDB)', () => {
  let database: TestDatabase;
  let db: MySqlDb;
  let topic: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    db = wakeRelaysOnOutboxCommit(database.db);
    topic = uniqueName('events-test.wakeup');
    await createTopics([topic]);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await deleteTopics([topic]);
    await database.drop();
  });

  function itemAdded() {
    return defineEvent({ topic, type: 'item.added', version: 1, payload: z.object({ itemId: z.string() }) });
  }

  /** Started and through its first (empty) pass: from now on only a wake, or the idle poll, runs another. */
  async function idleRelay(on: MySqlDb): Promise<OutboxRelay> {
    const relay = new OutboxRelay({
      db: on,
      brokers,
      clientId: uniqueName('relay'),
      logger: memoryLogger(),
      pollIntervalMs: IDLE_POLL_MS,
    });
    relay.start();
    cleanups.push(() => relay.stop());
    await settle(1000);
    return relay;
  }

  it('publishes an event of a committed transaction without waiting for the idle poll', async () => {
    const ItemAdded = itemAdded();
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    await idleRelay(db);

    const event = ItemAdded.create({ itemId: uniqueName('item') });
    await db.transaction(async (tx) => {
      await enqueue(tx, event, { key: event.envelope.payload.itemId });
      // Still open: a relay woken now would find nothing and sleep for the whole idle poll.
      await settle(500);
    });

    await waitFor('the event on Kafka', () => raw.messages.length === 1, 20_000);
    expect(JSON.parse(raw.messages[0]!.value)).toEqual(event.envelope);
    const [row] = await db.select().from(outbox).where(eq(outbox.eventId, event.envelope.id));
    expect(row!.publishedAt).toBeInstanceOf(Date);
  });

  it('never publishes the event of a rolled-back transaction; the next commit goes out alone', async () => {
    const ItemAdded = itemAdded();
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    await idleRelay(db);

    const rolledBack = ItemAdded.create({ itemId: uniqueName('item') });
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, rolledBack, { key: rolledBack.envelope.payload.itemId });
        throw new Error('the item was refused after all');
      }),
    ).rejects.toThrow('the item was refused after all');
    const committed = ItemAdded.create({ itemId: uniqueName('item') });
    await db.transaction((tx) => enqueue(tx, committed, { key: committed.envelope.payload.itemId }));

    await waitFor('the committed event on Kafka', () => raw.messages.length >= 1, 20_000);
    await settle();
    expect(raw.messages.map((message) => JSON.parse(message.value).id)).toEqual([committed.envelope.id]);
    expect(await db.select({ id: outbox.eventId }).from(outbox)).toEqual([{ id: committed.envelope.id }]);
  });

  it('publishes an event enqueued outside a transaction (autocommit) at once', async () => {
    const ItemAdded = itemAdded();
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    await idleRelay(db);

    const event = ItemAdded.create({ itemId: uniqueName('item') });
    await enqueue(db, event, { key: event.envelope.payload.itemId });

    await waitFor('the event on Kafka', () => raw.messages.length === 1, 20_000);
    expect(JSON.parse(raw.messages[0]!.value).id).toBe(event.envelope.id);
  });

  it('leaves a relay on a database without the wrapper to its idle poll (what the wrapper changes)', async () => {
    const ItemAdded = itemAdded();
    const raw = await readTopic(topic);
    cleanups.push(() => raw.stop());
    const pool = mysql.createPool({ uri: `${mysqlUrl}/${database.name}`, connectionLimit: 2 });
    cleanups.push(() => pool.end());
    const plain = drizzle({ client: pool });
    await idleRelay(plain);

    const event = ItemAdded.create({ itemId: uniqueName('item') });
    await plain.transaction((tx) => enqueue(tx, event, { key: event.envelope.payload.itemId }));

    await settle(3000);
    expect(raw.messages).toEqual([]);
    const [row] = await db.select().from(outbox).where(eq(outbox.eventId, event.envelope.id));
    expect(row!.publishedAt).toBeNull();
  });

  describe('commit signal', () => {
    /** Counts the wakes `db` sends; unsubscribed after the test. */
    function countWakes(): { count: number } {
      const wakes = { count: 0 };
      const stop = onOutboxCommit(db, () => {
        wakes.count += 1;
      });
      cleanups.push(async () => {
        stop();
      });
      return wakes;
    }

    it('wakes once per committed transaction that enqueued, not while it is open', async () => {
      const ItemAdded = itemAdded();
      const wakes = countWakes();
      await db.transaction(async (tx) => {
        await enqueue(tx, ItemAdded.create({ itemId: uniqueName('item') }), { key: 'a' });
        await enqueue(tx, ItemAdded.create({ itemId: uniqueName('item') }), { key: 'b' });
        expect(wakes.count).toBe(0);
      });
      expect(wakes.count).toBe(1);
    });

    it('does not wake for a rollback, nor for a transaction without outbox rows', async () => {
      const ItemAdded = itemAdded();
      const wakes = countWakes();
      await expect(
        db.transaction(async (tx) => {
          await enqueue(tx, ItemAdded.create({ itemId: uniqueName('item') }), { key: 'k' });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1`);
      });
      expect(wakes.count).toBe(0);
      expect(await db.select().from(outbox)).toEqual([]);
    });

    it('wakes after the outermost commit for an event enqueued in a savepoint', async () => {
      const wakes = countWakes();
      await db.transaction(async (tx) => {
        await tx.transaction((savepoint) =>
          enqueue(savepoint, itemAdded().create({ itemId: uniqueName('item') }), { key: 'k' }),
        );
        expect(wakes.count).toBe(0);
      });
      expect(wakes.count).toBe(1);
    });

    it('stops waking a listener once it unsubscribed', async () => {
      let calls = 0;
      const stop = onOutboxCommit(db, () => {
        calls += 1;
      });
      await db.transaction((tx) =>
        enqueue(tx, itemAdded().create({ itemId: uniqueName('item') }), { key: 'k' }),
      );
      stop();
      await db.transaction((tx) =>
        enqueue(tx, itemAdded().create({ itemId: uniqueName('item') }), { key: 'k' }),
      );
      expect(calls).toBe(1);
    });
  });
});
