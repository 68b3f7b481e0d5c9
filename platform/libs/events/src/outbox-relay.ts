import { and, asc, count, inArray, isNull, lt, sql } from 'drizzle-orm';
import { BackoffOptions, backoffDelay, sleep } from './backoff';
import { RawEnvelope } from './envelope';
import { EventHeaders } from './headers';
import { KafkaConnectionOptions, KafkaSender, OutgoingKafkaMessage } from './kafka-producer';
import { errorMessage, EventsLogger, stderrLogger } from './logger';
import { MySqlDb } from './mysql';
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
export class OutboxRelay {
  private readonly db: MySqlDb;
  private readonly logger: EventsLogger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly depthIntervalMs: number;
  private readonly retainPublishedMs: number;
  private sender: KafkaSender | undefined;
  private loop: Promise<void> | undefined;
  private stopSignal = new AbortController();
  private wake: (() => void) | undefined;
  /** A notify() that arrived while a batch was running: the next idle wait is skipped. */
  private wakeRequested = false;
  private depthTimer: NodeJS.Timeout | undefined;
  private lastPurge = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.db = options.db;
    this.logger = options.logger ?? stderrLogger;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.backoff = options.backoff ?? { initialMs: 200, maxMs: 10_000 };
    this.depthIntervalMs = options.depthIntervalMs ?? 5000;
    this.retainPublishedMs = options.retainPublishedMs ?? 24 * 3600_000;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error('batchSize must be a positive integer');
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  start(): void {
    if (this.loop) return;
    this.stopSignal = new AbortController();
    this.sender = new KafkaSender(this.options);
    this.loop = this.run();
    const onDepth = this.options.onDepth;
    if (onDepth) {
      const report = () => {
        this.depth().then(onDepth, (error: unknown) => this.logger.warn({ err: error }, 'outbox depth query failed'));
      };
      report();
      this.depthTimer = setInterval(report, this.depthIntervalMs);
      this.depthTimer.unref();
    }
  }

  /** Finishes the batch in flight, then closes the Kafka connection. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopSignal.abort();
    this.wake?.();
    if (this.depthTimer) clearInterval(this.depthTimer);
    await this.loop;
    await this.sender?.close().catch((error: unknown) => this.logger.warn({ err: error }, 'closing outbox producer failed'));
    this.loop = undefined;
    this.sender = undefined;
  }

  /** Wakes an idle relay at once, e.g. right after a transaction that enqueued events committed. */
  notify(): void {
    if (this.wake) this.wake();
    else this.wakeRequested = true;
  }

  /** Unpublished rows. */
  async depth(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt));
    return row?.n ?? 0;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopSignal.signal.aborted) {
      let result: BatchResult;
      try {
        result = await this.relayBatch();
      } catch (error) {
        result = { published: 0, failure: error };
      }
      if (result.failure !== undefined) {
        failures += 1;
        const delay = backoffDelay(failures, this.backoff);
        this.logger.warn({ err: result.failure, failures, retryInMs: delay }, 'outbox relay failed; retrying');
        await sleep(delay, this.stopSignal.signal);
        continue;
      }
      if (failures > 0) this.logger.info({ failures }, 'outbox relay recovered');
      failures = 0;
      await this.purgeIfDue();
      if (result.published < this.batchSize) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      const signal = this.stopSignal.signal;
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
      if (signal.aborted) done();
    });
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
        await tx.update(outbox).set({ publishedAt: sql`UTC_TIMESTAMP(3)` }).where(inArray(outbox.id, ids));
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
  const envelope = JSON.parse(row.envelope) as RawEnvelope;
  const headers: Record<string, string> = {
    [EventHeaders.eventId]: envelope.id,
    [EventHeaders.eventType]: envelope.type,
    [EventHeaders.eventVersion]: String(envelope.version),
    [EventHeaders.traceId]: envelope.traceId,
  };
  if (envelope.tenantId) headers[EventHeaders.tenantId] = envelope.tenantId;
  return { topic: row.topic, key: row.key, value: row.envelope, headers };
}
