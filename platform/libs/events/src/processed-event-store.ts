import type { Collection, Db } from 'mongodb';
import { MySqlDb } from './mysql';
import { runOnce, RunOnceKey, RunOnceResult } from './run-once';

/**
 * Where a consumer group records the events it has handled, so a redelivery does not run its handler again.
 * `TTx` is what the handler gets to do its own writes on (a MySQL transaction, or nothing for MongoDB).
 */
export interface ProcessedEventStore<TTx> {
  runOnce<T>(key: RunOnceKey, fn: (tx: TTx) => Promise<T>): Promise<RunOnceResult<T>>;
}

/**
 * For handlers whose effect is the same however often they run (they set a state, guard by revision or time, or
 * erase): no record of handled events is kept, each delivery runs the handler. Each user says why it qualifies.
 */
export const repeatableHandlers: ProcessedEventStore<undefined> = {
  runOnce: async (_key, fn) => ({ processed: true, value: await fn(undefined) }),
};

/** processed_events in MySQL: the record commits or rolls back with the handler's own transaction. */
export function mySqlProcessedEvents(db: MySqlDb): ProcessedEventStore<MySqlDb> {
  return { runOnce: (key, fn) => runOnce(db, key, fn) };
}

export interface ProcessedEventDocument {
  /** `<consumerGroup>:<eventId>`, so the check before each event is a primary-key lookup. */
  _id: string;
  eventId: string;
  consumerGroup: string;
  processedAt: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * processed_events as a MongoDB collection keyed by group and event id (and a unique index on (eventId,
 * consumerGroup), which records written before that key also hold), for services
 * without MySQL. Without multi-document transactions the record is written after the handler succeeded:
 * a crash in between re-runs the handler on redelivery, so its writes must tolerate a repeat (set a state,
 * guard by timestamp or event id). A handler that throws leaves no record and is retried.
 */
export class MongoProcessedEvents implements ProcessedEventStore<undefined> {
  private constructor(private readonly collection: Collection<ProcessedEventDocument>) {}

  /** Opens (and indexes, idempotently) the collection, `processed_events` by default. */
  static async open(db: Db, collectionName = 'processed_events'): Promise<MongoProcessedEvents> {
    const collection = db.collection<ProcessedEventDocument>(collectionName);
    await collection.createIndex({ eventId: 1, consumerGroup: 1 }, { unique: true, name: 'uq_event_group' });
    return new MongoProcessedEvents(collection);
  }

  async runOnce<T>(key: RunOnceKey, fn: (tx: undefined) => Promise<T>): Promise<RunOnceResult<T>> {
    // By primary key: FerretDB (the local stand-in) runs any other filter by decoding every document of the
    // collection, which grows with every event handled (20,000 records: 155 ms per check against 17 ms by key).
    const _id = `${key.consumerGroup}:${key.eventId}`;
    if (await this.collection.findOne({ _id }, { projection: { _id: 1 } })) return { processed: false };
    const value = await fn(undefined);
    try {
      await this.collection.insertOne({
        _id,
        eventId: key.eventId,
        consumerGroup: key.consumerGroup,
        processedAt: new Date(),
      });
    } catch (error) {
      // A concurrent delivery recorded it first: the event is processed either way.
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
    return { processed: true, value };
  }
}
