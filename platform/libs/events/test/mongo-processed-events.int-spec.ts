import { z } from 'zod';
import { defineEvent, EventConsumer, MongoProcessedEvents, ProcessedEventDocument } from '../src';
import { brokers, createTopics, deleteTopics, memoryLogger, mongoDatabasePerTest, produceRaw, uniqueName, waitFor } from './support';

jest.setTimeout(60_000);

describe('MongoProcessedEvents (real FerretDB + Kafka)', () => {
  const mongo = mongoDatabasePerTest();
  let topic: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    topic = uniqueName('events-test.tenants');
    await createTopics([topic, `${topic}.dlq`]);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await deleteTopics([topic, `${topic}.dlq`]);
  });

  function tenantSuspended() {
    return defineEvent({ topic, type: 'tenant.suspended', version: 1, payload: z.object({ tenantId: z.string() }) });
  }

  async function startConsumer(groupId: string, configure: (consumer: EventConsumer<undefined>) => void) {
    const consumer = new EventConsumer<undefined>({
      processedEvents: await MongoProcessedEvents.open(mongo.db),
      brokers,
      clientId: uniqueName('consumer'),
      groupId,
      logger: memoryLogger(),
      retryBackoff: { initialMs: 20, maxMs: 100 },
    });
    configure(consumer);
    await consumer.start();
    cleanups.push(() => consumer.stop());
  }

  it('runs a handler once per event and group, recording it under the unique (eventId, consumerGroup)', async () => {
    const store = await MongoProcessedEvents.open(mongo.db);
    const key = { eventId: uniqueName('e'), consumerGroup: 'g1' };
    expect(await store.runOnce(key, async () => 'first')).toEqual({ processed: true, value: 'first' });
    expect(await store.runOnce(key, async () => 'again')).toEqual({ processed: false });
    expect(await store.runOnce({ ...key, consumerGroup: 'g2' }, async () => 'other group')).toEqual({ processed: true, value: 'other group' });
    const records = await mongo.db.collection<ProcessedEventDocument>('processed_events').find({ eventId: key.eventId }).toArray();
    expect(records.map((r) => r.consumerGroup).sort()).toEqual(['g1', 'g2']);
    // Keyed by group and event, so the check before each event is a primary-key lookup.
    expect(records.map((r) => r._id).sort()).toEqual([`g1:${key.eventId}`, `g2:${key.eventId}`]);
    await expect(mongo.db.collection('processed_events').insertOne({ ...key, processedAt: new Date() })).rejects.toMatchObject({ code: 11000 });
  });

  it('records nothing when the handler throws, so the event is handled on a later attempt', async () => {
    const store = await MongoProcessedEvents.open(mongo.db);
    const key = { eventId: uniqueName('e'), consumerGroup: 'g1' };
    await expect(store.runOnce(key, async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await mongo.db.collection('processed_events').countDocuments({ eventId: key.eventId })).toBe(0);
    expect(await store.runOnce(key, async () => 'retried')).toEqual({ processed: true, value: 'retried' });
  });

  it('lets EventConsumer ignore a redelivered event and retry a failing handler without MySQL', async () => {
    const TenantSuspended = tenantSuspended();
    const groupId = uniqueName('group');
    const handled: string[] = [];
    let failuresLeft = 1;
    await startConsumer(groupId, (c) =>
      c.handle(TenantSuspended, async (event, { tx, attempt }) => {
        expect(tx).toBeUndefined();
        if (event.payload.tenantId === 'flaky' && failuresLeft-- > 0) throw new Error(`attempt ${attempt} fails`);
        handled.push(event.payload.tenantId);
      }),
    );
    const duplicated = TenantSuspended.create({ tenantId: 'once' }, { tenantId: null }).envelope;
    const flaky = TenantSuspended.create({ tenantId: 'flaky' }, { tenantId: null }).envelope;
    const marker = TenantSuspended.create({ tenantId: 'marker' }, { tenantId: null }).envelope;
    await produceRaw([duplicated, duplicated, flaky, marker].map((e) => ({ topic, key: 'k', value: JSON.stringify(e) })));

    await waitFor('the marker event', () => handled.includes('marker'));
    expect(handled).toEqual(['once', 'flaky', 'marker']);
    const records = await mongo.db.collection<ProcessedEventDocument>('processed_events').find({ consumerGroup: groupId }).toArray();
    expect(records.map((r) => r.eventId).sort()).toEqual([duplicated.id, flaky.id, marker.id].sort());
  });

  it('refuses a consumer without a processed-events store', () => {
    expect(() => new EventConsumer({ brokers, clientId: 'x', groupId: 'g' })).toThrow(/processedEvents/);
  });
});
