import {
  defineEvent,
  DocumentOutbox,
  DocumentOutboxRelay,
  KafkaSender,
  type DocumentOutboxFields,
} from '@marketplace/events';
import { MongoClient, type Db } from 'mongodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { CatalogDatabase } from '../src/database/catalog-database';
import { waitFor } from '@marketplace/testing';

/**
 * ADRs 0006 and 0054 against the stack's MongoDB-wire server (FerretDB 1.x locally, which loses one of two
 * overlapping updates of a document): product writes are serialized per product — none of many concurrent
 * writes to one product is lost, the outbox relay's removals included — while writes to different products
 * overlap, and a write across a tenant's products runs alone.
 */
/** An event of this suite's own topic, so no consumer of the catalog's topics meets it. */
const counted = defineEvent({
  topic: 'catalog.write-serialization-test.v1',
  type: 'test.counted',
  version: 1,
  payload: z.object({ productId: z.string() }),
});

describe('catalog product writes, serialized per product (ADR 0054)', () => {
  let client: MongoClient;
  let db: Db;
  let database: CatalogDatabase;

  beforeAll(async () => {
    client = await MongoClient.connect(process.env.MONGODB_URL!);
    db = client.db(`catalog_test_writes_${ulid().toLowerCase()}`);
    database = new CatalogDatabase(db);
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  type CountedProduct = DocumentOutboxFields & {
    _id: string;
    tenantId: string;
    counter: number;
    tenantStatus: string;
  };
  const products = () => db.collection<CountedProduct>('products');

  async function insertProduct(tenantId = ulid()): Promise<string> {
    const id = ulid();
    await database.serializeProductWrites(id, () =>
      products().insertOne({
        _id: id,
        tenantId,
        counter: 0,
        tenantStatus: 'active',
        ...DocumentOutbox.initial(id),
      }),
    );
    return id;
  }

  it('loses none of many concurrent updates of one product, with the outbox relay removing its events meanwhile', async () => {
    const id = await insertProduct();
    const relay = new DocumentOutboxRelay({
      collections: [database.rawProducts],
      sender: new KafkaSender({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: `test-${ulid()}` }),
      serializeDocumentWrite: database.serializeProductWrites,
      pollIntervalMs: 50,
    });
    const writes = 60;
    relay.start();
    try {
      await Promise.all(
        Array.from({ length: writes }, async () => {
          await database.serializeProductWrites(id, () =>
            products().updateOne(
              { _id: id },
              DocumentOutbox.stage({ $set: {}, $inc: { counter: 1 } }, id, [
                counted.create({ productId: id }, { tenantId: 'write-serialization' }),
              ]) as object,
            ),
          );
          relay.notify();
        }),
      );
      await waitFor('every staged event published', async () => {
        const doc = await products().findOne({ _id: id });
        return doc?.pendingEventCount === 0;
      });
    } finally {
      await relay.stop();
    }

    const stored = await products().findOne({ _id: id });
    expect(stored?.counter).toBe(writes);
    expect(stored).toMatchObject({ pendingEventCount: 0 });
    expect(stored).not.toHaveProperty('parkedEventCount');
    expect(Object.keys(stored?.pendingEvents ?? {})).toEqual([]);
  });

  it('runs writes to different products concurrently, each product’s in order', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => insertProduct()));
    let running = 0;
    let mostAtOnce = 0;
    const perProduct = new Map<string, number>();
    let outOfOrder = 0;
    await Promise.all(
      ids.flatMap((id) =>
        Array.from({ length: 5 }, (_, n) =>
          database.serializeProductWrites(id, async () => {
            running += 1;
            mostAtOnce = Math.max(mostAtOnce, running);
            if ((perProduct.get(id) ?? 0) !== n) outOfOrder += 1;
            try {
              await products().updateOne({ _id: id }, { $inc: { counter: 1 } });
            } finally {
              perProduct.set(id, n + 1);
              running -= 1;
            }
          }),
        ),
      ),
    );
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(ids.length);
    expect(outOfOrder).toBe(0);
    const stored = await products()
      .find({ _id: { $in: ids } })
      .toArray();
    expect(stored.map((doc) => doc.counter)).toEqual(ids.map(() => 5));
  });

  it('tells when the writes queued so far have landed, without holding back the writes queued after', async () => {
    const tenantId = ulid();
    const [held, free] = await Promise.all([insertProduct(tenantId), insertProduct(tenantId)]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const earlier = database.serializeProductWrites(held, async () => {
      await gate;
      await products().updateOne({ _id: held }, { $inc: { counter: 1 } });
      order.push('earlier write');
    });
    const settled = database.serializeProductWrites.settled().then(() => order.push('settled'));
    await database.serializeProductWrites(free, async () => {
      await products().updateOne({ _id: free }, { $inc: { counter: 1 } });
      order.push('later write');
    });
    release();
    await Promise.all([earlier, settled]);
    expect(order).toEqual(['later write', 'earlier write', 'settled']);
  });
});
