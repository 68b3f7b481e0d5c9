import { and, asc, count, inArray, isNull, lt, sql } from 'drizzle-orm';
import { BackoffOptions } from './backoff';
import { eventMessage } from './event-message';
import { KafkaConnectionOptions, KafkaSender, OutgoingKafkaMessage } from './kafka-producer';
import { errorMessage, EventsLogger } from './logger';
import { MySqlDb } from './mysql';
import { PollingRelay } from './polling-relay';
import { outbox } from './tables';

export interface OutboxRelayOptions extends KafkaConnectionOptions {
  db: MySqlDb;
  logger?: EventsLogger;
  /** Rows published per Kafka request. Default 100. */
  batchSize?: number;
  /** Idle polling interval; a full batch is followed by the next one at once. Default 50 ms. */
  pollIntervalMs?: number;
  /** Delays between attempts while Kafka or the database fail. Default 200 ms doubling up to 10 s. */
  backoff?: BackoffOptions;
  /** Receives the number of unpublished rows every `depthIntervalMs` (e.g. to set a gauge). */
  onDepth?: (depth: number) => void;
  /** Default 5000 ms. */
  depthIntervalMs?: number;
  /** Published rows older than this are deleted. Default 24 h; 0 keeps them. */
  retainPublishedMs?: number;
}

interface OutboxRow {
  id: number;
  topic: string;
  key: string;
  envelope: string;
}

interface BatchResult {
  published: number;
  failure?: unknown;
}

const PURGE_INTERVAL_MS = 60_000;
const PURGE_BATCH = 1000;

/**
 * Publishes outbox rows to Kafka in id order. Each batch is claimed with FOR UPDATE SKIP LOCKED, so
 * several replicas share the work, and a row is only published once every earlier unpublished row of
 * its key is published or in the same batch: one aggregate's events never overtake each other.
 * A row is marked published only after Kafka acknowledged it (at least once; consumers dedupe by id).
 */
export class OutboxRelay extends PollingRelay {
  private readonly db: MySqlDb;
  private readonly batchSize: number;
  private readonly retainPublishedMs: number;
  private sender: KafkaSender | undefined;
  private lastPurge = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    super({ ...options, pollIntervalMs: options.pollIntervalMs ?? 50 });
    this.db = options.db;
    this.batchSize = options.batchSize ?? 100;
    this.retainPublishedMs = options.retainPublishedMs ?? 24 * 3600_000;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new Error('batchSize must be a positive integer');
  }

  override start(): void {
    this.sender ??= new KafkaSender(this.options);
    super.start();
  }

  /** Unpublished rows. */
  async depth(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt));
    return row?.n ?? 0;
  }

  protected async pass(): Promise<boolean> {
    const result = await this.relayBatch();
    if (result.failure !== undefined) throw result.failure;
    await this.purgeIfDue();
    return result.published >= this.batchSize;
  }

  protected async closeResources(): Promise<void> {
    const sender = this.sender;
    this.sender = undefined;
    await sender?.close();
  }

  private async relayBatch(): Promise<BatchResult> {
    return this.db.transaction(
      async (tx) => {
        const claimed: OutboxRow[] = await tx
          .select({ id: outbox.id, topic: outbox.topic, key: outbox.key, envelope: outbox.envelope })
          .from(outbox)
          .where(isNull(outbox.publishedAt))
          .orderBy(asc(outbox.id))
          .limit(this.batchSize)
          .for('update', { skipLocked: true });
        if (claimed.length === 0) return { published: 0 };
        const rows = await this.publishableInKeyOrder(tx, claimed);
        if (rows.length === 0) return { published: 0 };
        const ids = rows.map((r) => r.id);
        try {
          await this.senderOrThrow().send(rows.map(toKafkaMessage));
        } catch (error) {
          await tx
            .update(outbox)
            .set({ attempts: sql`${outbox.attempts} + 1`, lastError: errorMessage(error).slice(0, 4000) })
            .where(inArray(outbox.id, ids));
          return { published: 0, failure: error };
        }
        await tx
          .update(outbox)
          .set({ publishedAt: sql`UTC_TIMESTAMP(3)` })
          .where(inArray(outbox.id, ids));
        return { published: rows.length };
      },
      // Read committed: the key-order check must see rows other relays committed a moment ago.
      { isolationLevel: 'read committed' },
    );
  }

  /**
   * Drops claimed rows that an earlier unpublished row of the same key, claimed by another relay
   * (skipped as locked), must precede.
   */
  private async publishableInKeyOrder(tx: MySqlDb, claimed: OutboxRow[]): Promise<OutboxRow[]> {
    const claimedIds = new Set(claimed.map((r) => r.id));
    const lastId = claimed[claimed.length - 1]!.id;
    const keys = [...new Set(claimed.map((r) => r.key))];
    const earlier = await tx
      .select({ id: outbox.id, key: outbox.key })
      .from(outbox)
      .where(and(isNull(outbox.publishedAt), inArray(outbox.key, keys), lt(outbox.id, lastId)));
    const blockedAfter = new Map<string, number>();
    for (const row of earlier) {
      if (claimedIds.has(row.id)) continue;
      const current = blockedAfter.get(row.key);
      if (current === undefined || row.id < current) blockedAfter.set(row.key, row.id);
    }
    return claimed.filter((row) => {
      const blocker = blockedAfter.get(row.key);
      return blocker === undefined || row.id < blocker;
    });
  }

  private async purgeIfDue(): Promise<void> {
    if (this.retainPublishedMs <= 0 || Date.now() - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = Date.now();
    try {
      await this.db.execute(
        sql`DELETE FROM ${outbox} WHERE ${outbox.publishedAt} < UTC_TIMESTAMP(3) - INTERVAL ${this.retainPublishedMs * 1000} MICROSECOND LIMIT ${PURGE_BATCH}`,
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'purging published outbox rows failed');
    }
  }

  private senderOrThrow(): KafkaSender {
    if (!this.sender) throw new Error('OutboxRelay is not started');
    return this.sender;
  }
}

function toKafkaMessage(row: OutboxRow): OutgoingKafkaMessage {
  return eventMessage(row.topic, row.key, row.envelope);
}
