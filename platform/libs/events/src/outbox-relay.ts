import { and, asc, count, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { BackoffOptions } from './backoff';
import { eventMessage } from './event-message';
import { KafkaConnectionOptions, KafkaSender, OutgoingKafkaMessage } from './kafka-producer';
import { describeFailure, OutboxParking, retryable } from './kafka-failures';
import { EventsLogger } from './logger';
import { MySqlDb } from './mysql';
import { onOutboxCommit } from './outbox-commits';
import { PollingRelay } from './polling-relay';
import { outbox } from './tables';

export interface OutboxRelayOptions extends KafkaConnectionOptions {
  db: MySqlDb;
  logger?: EventsLogger;
  /** Rows published per Kafka request. Default 100. */
  batchSize?: number;
  /**
   * Idle polling interval, a safety net: commits that add outbox rows on a database from `wakeRelaysOnOutboxCommit`
   * wake the relay at once (ADR 0056), and a full batch is followed by the next one at once. Default 1000 ms.
   */
  pollIntervalMs?: number;
  /** Delays between attempts while Kafka or the database fail. Default 200 ms doubling up to 10 s. */
  backoff?: BackoffOptions;
  /** Receives the number of unpublished rows every `depthIntervalMs` (e.g. to set a gauge). */
  onDepth?: (depth: number) => void;
  /** Default 5000 ms. */
  depthIntervalMs?: number;
  /** Published rows older than this are deleted. Default 24 h; 0 keeps them. */
  retainPublishedMs?: number;
  /**
   * Failed sends after which a row Kafka refuses as not retryable (too large, invalid) is parked: set aside, no
   * longer blocking the rows behind it. Default 5.
   */
  maxAttempts?: number;
  /**
   * How long a row Kafka refuses with a retryable error while it accepts others must have been refused (and
   * Kafka up) before it is parked too. Default 10 minutes.
   */
  parkRetryableAfterMs?: number;
}

/**
 * `attempts` of a parked row. A sentinel in the existing column rather than a new one: every service's outbox
 * table would need a migration otherwise (ADR 0031). Parked rows keep their envelope and last error for an
 * operator to inspect and re-queue (`attempts = 0`).
 */
export const PARKED_ATTEMPTS = 4_294_967_295;

interface OutboxRow {
  id: number;
  topic: string;
  key: string;
  envelope: string;
  attempts?: number;
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
  private readonly parking: OutboxParking;
  private sender: KafkaSender | undefined;
  private lastPurge = 0;
  private stopWaking: (() => void) | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    super({ ...options, pollIntervalMs: options.pollIntervalMs ?? 1000 });
    this.db = options.db;
    this.batchSize = options.batchSize ?? 100;
    this.retainPublishedMs = options.retainPublishedMs ?? 24 * 3600_000;
    this.parking = new OutboxParking(options.maxAttempts ?? 5, options.parkRetryableAfterMs ?? 10 * 60_000);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new Error('batchSize must be a positive integer');
  }

  override start(): void {
    this.sender ??= new KafkaSender(this.options);
    this.stopWaking ??= onOutboxCommit(this.db, () => this.notify());
    super.start();
  }

  /** Unpublished rows waiting for Kafka (parked ones not included). */
  async depth(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(outbox)
      .where(and(isNull(outbox.publishedAt), lt(outbox.attempts, PARKED_ATTEMPTS)));
    return row?.n ?? 0;
  }

  /** Rows set aside because Kafka kept refusing them. */
  async parked(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(outbox)
      .where(and(isNull(outbox.publishedAt), eq(outbox.attempts, PARKED_ATTEMPTS)));
    return row?.n ?? 0;
  }

  protected async pass(): Promise<boolean> {
    const result = await this.relayBatch();
    if (result.failure !== undefined) throw result.failure;
    await this.purgeIfDue();
    return result.published >= this.batchSize;
  }

  protected async closeResources(): Promise<void> {
    this.stopWaking?.();
    this.stopWaking = undefined;
    const sender = this.sender;
    this.sender = undefined;
    await sender?.close();
  }

  private async relayBatch(): Promise<BatchResult> {
    return this.db.transaction(
      async (tx) => {
        const claimed: OutboxRow[] = await tx
          .select({
            id: outbox.id,
            topic: outbox.topic,
            key: outbox.key,
            envelope: outbox.envelope,
            attempts: outbox.attempts,
          })
          .from(outbox)
          .where(and(isNull(outbox.publishedAt), lt(outbox.attempts, PARKED_ATTEMPTS)))
          .orderBy(asc(outbox.id))
          .limit(this.batchSize)
          .for('update', { skipLocked: true });
        if (claimed.length === 0) return { published: 0 };
        const rows = await this.publishableInKeyOrder(tx, claimed);
        if (rows.length === 0) return { published: 0 };
        let published: OutboxRow[] = rows;
        let failure: unknown;
        try {
          await this.senderOrThrow().send(rows.map(toKafkaMessage));
        } catch (error) {
          failure = error;
          const alone = rows.length > 1 ? await this.sendOneByOne(rows) : { published: [], failed: [] };
          published = alone.published;
          if (published.length > 0)
            for (const refused of alone.failed)
              await this.recordFailure(tx, refused.row, refused.error, true);
          else for (const row of rows) await this.recordFailure(tx, row, error, false);
        }
        for (const row of published) this.parking.settled(String(row.id));
        if (published.length === 0 && failure !== undefined && retryable(failure)) this.parking.outage();
        if (published.length > 0)
          await tx
            .update(outbox)
            .set({ publishedAt: sql`UTC_TIMESTAMP(3)` })
            .where(
              inArray(
                outbox.id,
                published.map((row) => row.id),
              ),
            );
        // Nothing went out: Kafka is down or refuses everything, so the relay backs off.
        return published.length > 0 ? { published: published.length } : { published: 0, failure };
      },
      // Read committed: the key-order check must see rows other relays committed a moment ago.
      { isolationLevel: 'read committed' },
    );
  }

  /**
   * After a batch failed: each row alone, in order, so one message Kafka refuses does not hold back the others.
   * A refused row holds back the later rows of its key only (their order is the aggregate's history).
   */
  private async sendOneByOne(
    rows: OutboxRow[],
  ): Promise<{ published: OutboxRow[]; failed: { row: OutboxRow; error: unknown }[] }> {
    const published: OutboxRow[] = [];
    const failed: { row: OutboxRow; error: unknown }[] = [];
    const heldKeys = new Set<string>();
    let retryableInARow = 0;
    for (const row of rows) {
      if (heldKeys.has(row.key)) continue;
      try {
        await this.senderOrThrow().send([toKafkaMessage(row)]);
        published.push(row);
        retryableInARow = 0;
      } catch (error) {
        heldKeys.add(row.key);
        failed.push({ row, error });
        retryableInARow = retryable(error) ? retryableInARow + 1 : 0;
        // Two transient failures in a row with nothing accepted look like an outage: back off instead.
        if (published.length === 0 && retryableInARow >= 2) break;
      }
    }
    return { published, failed };
  }

  /** Counts a failed send of the row and parks it when `OutboxParking` says so (a Kafka outage parks nothing). */
  private async recordFailure(
    tx: MySqlDb,
    row: OutboxRow,
    error: unknown,
    othersAccepted: boolean,
  ): Promise<void> {
    const lastError = describeFailure(error).slice(0, 4000);
    const attempts = (row.attempts ?? 0) + 1;
    const park = this.parking.refused(String(row.id), attempts, error, othersAccepted);
    await tx
      .update(outbox)
      .set({ attempts: park ? PARKED_ATTEMPTS : sql`${outbox.attempts} + 1`, lastError })
      .where(eq(outbox.id, row.id));
    if (park)
      this.logger.error(
        { err: error, outboxId: row.id, topic: row.topic, key: row.key, attempts },
        'outbox row parked: Kafka keeps refusing it',
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
      .where(
        and(
          isNull(outbox.publishedAt),
          lt(outbox.attempts, PARKED_ATTEMPTS),
          inArray(outbox.key, keys),
          lt(outbox.id, lastId),
        ),
      );
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
