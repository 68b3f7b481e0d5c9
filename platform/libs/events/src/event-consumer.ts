import { Consumer, Message, MessagesStream, stringDeserializers } from '@platformatic/kafka';
import { and, eq, inArray } from 'drizzle-orm';
import { isOutageError } from '@marketplace/resilience';
import { runWithContext } from '@marketplace/tenancy';
import { BackoffOptions, backoffDelay, sleep } from './backoff';
import { EventCatalog } from './catalog';
import { AnyEventDefinition, EventEnvelopeOf } from './define-event';
import { EventValidationError, parseEnvelope } from './envelope';
import { NonRetryableEventError } from './errors';
import { DeadLetterHeaders, deadLetterTopic } from './headers';
import { KafkaConnectionOptions, KafkaSender } from './kafka-producer';
import { KeyedLanes, PartitionProgress } from './keyed-lanes';
import { errorMessage, EventsLogger, stderrLogger } from './logger';
import { isMySqlDuplicateKey, MySqlDb } from './mysql';
import { mySqlProcessedEvents, ProcessedEventStore } from './processed-event-store';
import { processedEvents } from './tables';

export interface EventConsumerOptions<TTx = MySqlDb> extends KafkaConnectionOptions {
  /** Kafka consumer group; also the idempotency scope in processed_events. */
  groupId: string;
  /** MySQL database holding processed_events; handlers get a transaction on it. */
  db?: MySqlDb;
  /** Another processed-events store (e.g. `MongoProcessedEvents`), used instead of `db`. */
  processedEvents?: ProcessedEventStore<TTx>;
  logger?: EventsLogger;
  /**
   * Failed attempts of a handler before the message goes to the dead-letter topic. Default 5. Attempts that failed
   * because a store or service was down (`isOutageError`) do not count: they are retried with back-off until it is back.
   */
  maxAttempts?: number;
  /** Delay between handler attempts. Default 100 ms doubling up to 5 s. */
  retryBackoff?: BackoffOptions;
  /** Where a group without committed offsets starts. Default 'earliest'. */
  startFrom?: 'earliest' | 'latest';
  /** Default 10 000 ms. */
  sessionTimeoutMs?: number;
  /** Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** Delay before re-joining after the stream failed. Default 500 ms doubling up to 30 s. */
  restartBackoff?: BackoffOptions;
  /**
   * Messages handled at once. Default 1: one after the other. Above 1, messages of different keys run side by
   * side while each key's (each aggregate's) messages still run one at a time in offset order, and a partition
   * is committed only up to the messages all done before it (ADR 0035).
   */
  concurrency?: number;
  /**
   * Opt-in (MySQL `db` only, not with `concurrency`): the messages that have arrived while the previous batch ran,
   * up to `maxMessages`, are handled together by the `handleBatch` handler in one transaction that also records
   * them as processed; batches run one after the other, so each key's messages stay in offset order. A batch that
   * fails is handled again one message at a time by the `handle` handlers (retries, dead-letter topic).
   */
  batch?: { maxMessages: number };
}

/** One event of a batch (see `EventConsumerOptions.batch`). */
export interface BatchItem {
  event: EventEnvelopeOf<AnyEventDefinition>;
  definition: AnyEventDefinition;
  message: ConsumedMessageInfo;
}

/**
 * Handles the batch's events not processed before, in offset order, on the transaction that records them as
 * processed. Tenant and trace context are not set (a batch spans tenants): scope the work per event.
 */
export type BatchHandler = (items: BatchItem[], tx: MySqlDb) => Promise<void>;

/**
 * `running`: consuming; `restarting`: the stream failed and the consumer re-joins after a back-off;
 * `idle`: before start(); `stopped`: after stop().
 */
export type ConsumerState = 'idle' | 'running' | 'restarting' | 'stopped';

export interface ConsumerStatus {
  groupId: string;
  state: ConsumerState;
  /** Times the stream failed and the consumer re-joined (or tried to). */
  restarts: number;
  /** Messages moved to `<topic>.dlq` since the process started (alert: DLQ growth). */
  deadLettered: number;
  lastError?: string;
}

export interface ConsumedMessageInfo {
  topic: string;
  partition: number;
  offset: bigint;
  key: string | undefined;
}

export interface HandlerContext<TTx = MySqlDb> {
  /** With MySQL, the transaction that also records the event as processed: do the handler's DB work on it. */
  tx: TTx;
  message: ConsumedMessageInfo;
  /** 1 on first delivery to this handler, higher on retries. */
  attempt: number;
}

export type EventHandler<TDefinition extends AnyEventDefinition, TTx = MySqlDb> = (
  event: EventEnvelopeOf<TDefinition>,
  context: HandlerContext<TTx>,
) => Promise<void>;

/** Options of one handler (`EventConsumer.handle`). */
export interface HandleOptions<TDefinition extends AnyEventDefinition> {
  /**
   * The events of the definition the handler acts on; the others are committed and skipped like types without a
   * handler, with no processed-events round trip or record (a topic carrying many events a service ignores).
   */
  only?: (event: EventEnvelopeOf<TDefinition>) => boolean;
}

interface RegisteredHandler<TTx> {
  handler: EventHandler<AnyEventDefinition, TTx>;
  only: ((event: EventEnvelopeOf<AnyEventDefinition>) => boolean) | undefined;
}

type StringMessage = Message<string, string, string, string>;

/**
 * Consumes events of the registered definitions. Per message: parse and validate the envelope, run the
 * handler once per (event id, group) inside the event's tenant/trace context, then commit the offset.
 * Invalid messages, and messages whose handler keeps failing or throws NonRetryableEventError, go to
 * `<topic>.dlq` with the error in headers and are committed. Messages of event types this consumer
 * does not handle, and events a handler's `only` leaves out, are committed and skipped.
 */
export class EventConsumer<TTx = MySqlDb> {
  private readonly handlers = new Map<AnyEventDefinition, RegisteredHandler<TTx>>();
  private readonly processedEvents: ProcessedEventStore<TTx>;
  private readonly logger: EventsLogger;
  private readonly maxAttempts: number;
  private readonly retryBackoff: BackoffOptions;
  private consumer: Consumer<string, string, string, string> | undefined;
  private sender: KafkaSender | undefined;
  private stream: MessagesStream<string, string, string, string> | undefined;
  private loop: Promise<void> | undefined;
  private catalog: EventCatalog | undefined;
  private stopSignal = new AbortController();
  private state: ConsumerState = 'idle';
  private restarts = 0;
  private deadLettered = 0;
  private lastError: string | undefined;
  private readonly restartBackoff: BackoffOptions;
  private readonly concurrency: number;
  private batchHandler: BatchHandler | undefined;

  constructor(private readonly options: EventConsumerOptions<TTx>) {
    this.logger = options.logger ?? stderrLogger;
    if (options.processedEvents) this.processedEvents = options.processedEvents;
    // Without a store of its own the consumer is the MySQL one, whose handlers get MySqlDb (the default TTx).
    else if (options.db)
      this.processedEvents = mySqlProcessedEvents(options.db) as unknown as ProcessedEventStore<TTx>;
    else throw new Error('EventConsumer needs db (MySQL) or processedEvents');
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBackoff = options.retryBackoff ?? { initialMs: 100, maxMs: 5000 };
    this.restartBackoff = options.restartBackoff ?? { initialMs: 500, maxMs: 30_000 };
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1)
      throw new Error('maxAttempts must be a positive integer');
    this.concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1)
      throw new Error('concurrency must be a positive integer');
    const batchSize = options.batch?.maxMessages;
    if (batchSize !== undefined) {
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new Error('batch.maxMessages must be a positive integer');
      if (!options.db || options.processedEvents) throw new Error('batch needs the MySQL db');
      if (this.concurrency > 1) throw new Error('batch and concurrency cannot be combined');
    }
  }

  /** Registers the handler of batches (needs the `batch` option); `handle` handlers remain the fallback. */
  handleBatch(handler: BatchHandler): this {
    if (this.loop) throw new Error('Register handlers before start()');
    if (!this.options.batch) throw new Error('handleBatch needs the batch option');
    this.batchHandler = handler;
    return this;
  }

  /** Registers the handler of one event definition (one type and version). Call before start(). */
  handle<TDefinition extends AnyEventDefinition>(
    definition: TDefinition,
    handler: EventHandler<TDefinition, TTx>,
    options: HandleOptions<TDefinition> = {},
  ): this {
    if (this.loop) throw new Error('Register handlers before start()');
    this.handlers.set(definition, {
      handler: handler as unknown as EventHandler<AnyEventDefinition, TTx>,
      only: options.only as RegisteredHandler<TTx>['only'],
    });
    return this;
  }

  /** False for an event its handler's `only` leaves out. */
  private wanted(event: EventEnvelopeOf<AnyEventDefinition>, definition: AnyEventDefinition): boolean {
    const only = this.handlers.get(definition)?.only;
    return !only || only(event);
  }

  /** True while consuming; false before start(), after stop() and while re-joining after a failure (readiness). */
  get running(): boolean {
    return this.state === 'running';
  }

  status(): ConsumerStatus {
    return {
      groupId: this.options.groupId,
      state: this.state,
      restarts: this.restarts,
      deadLettered: this.deadLettered,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  /**
   * Messages of the subscribed topics not yet committed by this member (its assigned partitions), or undefined
   * while it is not consuming or has committed nothing yet.
   */
  async lag(): Promise<number | undefined> {
    const consumer = this.consumer;
    if (this.state !== 'running' || !consumer || !this.catalog) return undefined;
    const lags = await consumer.getLag({ topics: this.catalog.topics });
    let total = 0n;
    let known = false;
    for (const partitions of lags.values())
      for (const partitionLag of partitions)
        if (partitionLag >= 0n) {
          total += partitionLag;
          known = true;
        }
    return known ? Number(total) : undefined;
  }

  /**
   * Joins the group and starts consuming; resolves once subscribed with its starting offsets. From then on the consumer is supervised: when
   * the stream fails it leaves the group, waits (growing back-off) and joins again until stop().
   */
  async start(): Promise<void> {
    if (this.loop) return;
    if (this.handlers.size === 0) throw new Error('EventConsumer has no handlers');
    if (this.options.batch && !this.batchHandler) throw new Error('EventConsumer has no batch handler');
    this.catalog = new EventCatalog([...this.handlers.keys()]);
    this.stopSignal = new AbortController();
    const stream = await this.subscribe();
    this.state = 'running';
    this.loop = this.supervise(stream);
  }

  private async subscribe(): Promise<MessagesStream<string, string, string, string>> {
    const catalog = this.catalog!;
    this.sender = new KafkaSender(this.options);
    this.consumer = new Consumer({
      clientId: this.options.clientId,
      groupId: this.options.groupId,
      bootstrapBrokers: this.options.brokers,
      deserializers: stringDeserializers,
      autocommit: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1000,
      maxWaitTime: 500,
    });
    try {
      this.stream = await this.consumer.consume({
        topics: catalog.topics,
        autocommit: false,
        mode: 'committed',
        fallbackMode: this.options.startFrom ?? 'earliest',
      });
    } catch (error) {
      await this.closeClients();
      throw error;
    }
    const stream = this.stream;
    stream.on('error', (error) =>
      this.logger.error({ err: error, groupId: this.options.groupId }, 'event consumer stream failed'),
    );
    await this.startingOffsets(stream);
    return stream;
  }

  /**
   * The stream lists its starting offsets after `consume()` answered; a group without committed offsets starting
   * from `latest` would otherwise skip what is published in between, although start() had resolved (a follower
   * that joins before reading the state it follows relies on that). Bounded: a slow broker delays start, never
   * blocks it.
   */
  private startingOffsets(stream: MessagesStream<string, string, string, string>): Promise<void> {
    const limitMs = (this.options.sessionTimeoutMs ?? 10_000) * 3;
    return new Promise((resolve) => {
      // A stream that fails instead ends its consume loop, and the supervisor re-joins as for any failure.
      const done = () => {
        clearTimeout(timer);
        stream.off('offsets', done);
        stream.off('error', done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.logger.warn(
          { groupId: this.options.groupId, waitedMs: limitMs },
          'event consumer: starting offsets not known yet; consuming anyway',
        );
        done();
      }, limitMs);
      stream.once('offsets', done);
      stream.once('error', done);
    });
  }

  private async supervise(first: MessagesStream<string, string, string, string>): Promise<void> {
    let stream: MessagesStream<string, string, string, string> | undefined = first;
    for (let attempt = 1; !this.stopSignal.signal.aborted;) {
      if (stream) {
        await this.consumeLoop(stream);
        if (this.stopSignal.signal.aborted) break;
        attempt = 1;
      }
      this.state = 'restarting';
      this.restarts += 1;
      await this.closeClients();
      const delay = backoffDelay(attempt, this.restartBackoff);
      this.logger.warn({ groupId: this.options.groupId, retryInMs: delay }, 'event consumer re-joining');
      await sleep(delay, this.stopSignal.signal);
      if (this.stopSignal.signal.aborted) break;
      try {
        stream = await this.subscribe();
        this.state = 'running';
        this.logger.info(
          { groupId: this.options.groupId, restarts: this.restarts },
          'event consumer re-joined',
        );
      } catch (error) {
        this.lastError = errorMessage(error);
        this.logger.error({ err: error, groupId: this.options.groupId }, 'event consumer could not re-join');
        stream = undefined;
        attempt += 1;
      }
    }
  }

  /** Lets the message in flight finish (without further retries), then leaves the group. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopSignal.abort();
    await this.stream
      ?.close()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'closing consumer stream failed'));
    await this.loop;
    await this.closeClients();
    this.loop = undefined;
    this.state = 'stopped';
  }

  /** Consumes until the stream ends or fails (then the supervisor re-joins) or stop() is called. */
  private async consumeLoop(stream: MessagesStream<string, string, string, string>): Promise<void> {
    const concurrent = this.concurrency > 1 ? this.concurrentHandling() : undefined;
    const batches = this.options.batch ? this.batchHandling(this.options.batch.maxMessages) : undefined;
    try {
      for await (const message of stream) {
        if (this.stopSignal.signal.aborted) break;
        if (concurrent) {
          await concurrent.schedule(message);
          continue;
        }
        if (batches) {
          await batches.add(message);
          continue;
        }
        const settled = await this.process(message);
        if (settled) await this.commit(message);
      }
      if (!this.stopSignal.signal.aborted) this.lastError = 'the message stream ended';
    } catch (error) {
      // The stream's error listener has logged it.
      if (!this.stopSignal.signal.aborted) this.lastError = errorMessage(error);
    } finally {
      // The messages in flight finish (a stopping retry gives up) before the supervisor leaves the group.
      await concurrent?.drain();
      await batches?.drain();
    }
  }

  /**
   * Messages wait while a batch runs; the next batch takes up to `maxMessages` of them (so batches grow with the
   * backlog and a lone message goes at once). Reading the stream pauses while a full batch waits.
   */
  private batchHandling(maxMessages: number) {
    const waiting: StringMessage[] = [];
    let running: Promise<void> | undefined;
    const run = async (): Promise<void> => {
      for (;;) {
        // Checked and cleared in one step: a message added after this sees no batch running and starts one.
        if (waiting.length === 0 || this.stopSignal.signal.aborted) {
          running = undefined;
          return;
        }
        const batch = waiting.splice(0, maxMessages);
        try {
          await this.commitSettled(batch, await this.processBatch(batch));
        } catch (error) {
          this.logger.error({ err: error, groupId: this.options.groupId }, 'event batch failed');
        }
      }
    };
    return {
      add: async (message: StringMessage): Promise<void> => {
        waiting.push(message);
        running ??= run();
        if (waiting.length >= maxMessages) await running;
      },
      drain: async (): Promise<void> => {
        while (running) await running;
      },
    };
  }

  /** Whether each message of the batch is done with; the batch handler's, else one at a time. */
  private async processBatch(batch: StringMessage[]): Promise<boolean[]> {
    const catalog = this.catalog!;
    const items = new Map<number, BatchItem>();
    batch.forEach((message, index) => {
      try {
        const raw: unknown = JSON.parse(message.value ?? '');
        if (!catalog.knowsType(parseEnvelope(raw).type)) return;
        const event = catalog.parse(raw);
        const definition = catalog.find(event.type, event.version)!;
        // Left out: `process` below skips it.
        if (!this.wanted(event, definition)) return;
        items.set(index, { event, definition, message: messageInfo(message) });
      } catch {
        // Invalid: `process` below dead-letters it with the reason.
      }
    });
    let batched = items.size > 0;
    if (batched)
      try {
        await this.runBatch([...items.values()]);
      } catch (error) {
        batched = false;
        this.logger.warn(
          { err: error, groupId: this.options.groupId, messages: batch.length },
          'event batch failed; handling its messages one at a time',
        );
      }
    const settled: boolean[] = [];
    for (const [index, message] of batch.entries()) {
      if (batched && items.has(index)) settled.push(true);
      else if (settled.includes(false)) settled.push(false);
      else settled.push(await this.process(message));
    }
    return settled;
  }

  private async runBatch(items: BatchItem[]): Promise<void> {
    await this.options.db!.transaction(async (tx) => {
      const fresh = await this.recordProcessed(tx, items);
      if (fresh.length > 0) await this.batchHandler!(fresh, tx);
    });
  }

  /**
   * Records the batch's events as processed and returns those not processed before (the first of repeated ids).
   * One insert when none was (the usual case, so a batch of one costs what `runOnce` does); when the unique key
   * refuses it (a redelivery), the recorded ones are read and the others inserted. A member that recorded one of
   * them meanwhile makes the second insert fail: the fallback then skips it as a duplicate.
   */
  private async recordProcessed(tx: MySqlDb, items: BatchItem[]): Promise<BatchItem[]> {
    const groupId = this.options.groupId;
    const ids = new Set<string>();
    const unique = items.filter((item) => !ids.has(item.event.id) && ids.add(item.event.id));
    const record = (recorded: BatchItem[]) =>
      tx
        .insert(processedEvents)
        .values(recorded.map((item) => ({ eventId: item.event.id, consumerGroup: groupId })));
    try {
      await record(unique);
      return unique;
    } catch (error) {
      // InnoDB undid the refused statement only; the transaction goes on.
      if (!isMySqlDuplicateKey(error)) throw error;
    }
    const done = await tx
      .select({ eventId: processedEvents.eventId })
      .from(processedEvents)
      .where(and(eq(processedEvents.consumerGroup, groupId), inArray(processedEvents.eventId, [...ids])));
    const recordedBefore = new Set(done.map((row) => row.eventId));
    const fresh = unique.filter((item) => !recordedBefore.has(item.event.id));
    if (fresh.length > 0) await record(fresh);
    return fresh;
  }

  /** Commits each partition up to the last message before the first one left unsettled (offsets are cumulative). */
  private async commitSettled(batch: StringMessage[], settled: boolean[]): Promise<void> {
    const upTo = new Map<string, StringMessage>();
    const held = new Set<string>();
    for (const [index, message] of batch.entries()) {
      const partition = `${message.topic}\u0000${message.partition}`;
      if (!settled[index]) held.add(partition);
      else if (!held.has(partition)) upTo.set(partition, message);
    }
    for (const message of upTo.values()) await this.commit(message);
  }

  /**
   * Up to `concurrency` messages at once, one lane per key (per partition for messages without a key), each
   * partition committed over the prefix of its messages that are done, commits of a partition one at a time
   * (a commit point superseded while it waited is skipped).
   */
  private concurrentHandling() {
    const lanes = new KeyedLanes(this.concurrency, (error) =>
      this.logger.error({ err: error, groupId: this.options.groupId }, 'event handling failed'),
    );
    const progress = new Map<string, PartitionProgress<StringMessage>>();
    const commits = new Map<string, Promise<void>>();
    /** The latest commit point queued per partition: offsets are cumulative, so it covers earlier ones. */
    const latest = new Map<string, StringMessage>();
    return {
      schedule: (message: StringMessage): Promise<void> => {
        const partition = `${message.topic}\u0000${message.partition}`;
        let partitionProgress = progress.get(partition);
        if (!partitionProgress) {
          partitionProgress = new PartitionProgress<StringMessage>();
          progress.set(partition, partitionProgress);
        }
        const tracker = partitionProgress;
        const entry = tracker.started(message);
        const lane = message.key ? `${partition}\u0000${message.key}` : partition;
        return lanes.schedule(lane, async () => {
          const upTo = tracker.finished(entry, await this.process(message));
          if (upTo) {
            latest.set(partition, upTo);
            // Many messages finishing together (a batch) make one commit, not one each.
            const committed = (commits.get(partition) ?? Promise.resolve()).then(() =>
              latest.get(partition) === upTo ? this.commit(upTo) : undefined,
            );
            commits.set(partition, committed);
            await committed;
          }
        });
      },
      drain: async () => {
        await lanes.drain();
        await Promise.all(commits.values());
      },
    };
  }

  /** True when the message is done with (handled, duplicate, skipped or dead-lettered) and may be committed. */
  private async process(message: StringMessage): Promise<boolean> {
    let event: EventEnvelopeOf<AnyEventDefinition>;
    let handler: EventHandler<AnyEventDefinition, TTx>;
    try {
      const raw: unknown = JSON.parse(message.value ?? '');
      const envelope = parseEnvelope(raw);
      const catalog = this.catalog!;
      if (!catalog.knowsType(envelope.type)) {
        this.logger.info(
          { topic: message.topic, eventType: envelope.type, eventId: envelope.id },
          'skipping event type without handler',
        );
        return true;
      }
      event = catalog.parse(raw);
      const definition = catalog.find(event.type, event.version)!;
      if (!this.wanted(event, definition)) return true;
      handler = this.handlers.get(definition)!.handler;
    } catch (error) {
      const reason =
        error instanceof SyntaxError
          ? new EventValidationError('Message value is not JSON', [{ path: '', message: error.message }])
          : error;
      return this.deadLetter(message, reason, 1);
    }

    // Attempts that failed because a store or service was down do not count toward `maxAttempts`: an outage longer
    // than the retries would otherwise dead-letter healthy events (ADR 0052). They are retried with back-off.
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await runWithContext(
          { tenantId: event.tenantId ?? undefined, traceId: event.traceId },
          () =>
            this.processedEvents.runOnce({ eventId: event.id, consumerGroup: this.options.groupId }, (tx) =>
              handler(event, { tx, attempt, message: messageInfo(message) }),
            ),
        );
        if (!result.processed)
          this.logger.info({ eventId: event.id, eventType: event.type }, 'duplicate event ignored');
        return true;
      } catch (error) {
        const outage = isOutageError(error) && !(error instanceof NonRetryableEventError);
        if (!outage) failures += 1;
        if (error instanceof NonRetryableEventError || failures >= this.maxAttempts)
          return this.deadLetter(message, error, attempt);
        const delay = backoffDelay(attempt, this.retryBackoff);
        this.logger.warn(
          { err: error, eventId: event.id, eventType: event.type, attempt, outage, retryInMs: delay },
          outage ? 'event handler hit an outage; retrying' : 'event handler failed; retrying',
        );
        await sleep(delay, this.stopSignal.signal);
        // Not committed: another member of the group gets the message after the rebalance.
        if (this.stopSignal.signal.aborted) return false;
      }
    }
  }

  private async deadLetter(message: StringMessage, error: unknown, attempts: number): Promise<boolean> {
    const target = deadLetterTopic(message.topic);
    const headers: Record<string, string> = {
      ...Object.fromEntries(message.headers),
      [DeadLetterHeaders.error]: errorMessage(error).slice(0, 4000),
      [DeadLetterHeaders.errorName]: error instanceof Error ? error.name : 'Error',
      [DeadLetterHeaders.attempts]: String(attempts),
      [DeadLetterHeaders.consumerGroup]: this.options.groupId,
      [DeadLetterHeaders.originalTopic]: message.topic,
      [DeadLetterHeaders.originalPartition]: String(message.partition),
      [DeadLetterHeaders.originalOffset]: message.offset.toString(),
      [DeadLetterHeaders.failedAt]: new Date().toISOString(),
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.sender!.send([{ topic: target, key: message.key, value: message.value, headers }]);
        this.deadLettered += 1;
        this.logger.warn(
          { err: error, topic: message.topic, offset: message.offset.toString(), deadLetterTopic: target },
          'event sent to dead-letter topic',
        );
        return true;
      } catch (sendError) {
        const delay = backoffDelay(attempt, this.retryBackoff);
        this.logger.error(
          { err: sendError, deadLetterTopic: target, retryInMs: delay },
          'dead-lettering failed; retrying',
        );
        await sleep(delay, this.stopSignal.signal);
        if (this.stopSignal.signal.aborted) return false;
      }
    }
  }

  private async commit(message: StringMessage): Promise<void> {
    try {
      await message.commit();
    } catch (error) {
      // The group rebalanced: the message is redelivered and then recognised as processed.
      this.logger.warn(
        { err: error, topic: message.topic, partition: message.partition },
        'offset commit failed',
      );
    }
  }

  private async closeClients(): Promise<void> {
    await this.consumer
      ?.close(true)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'closing consumer failed'));
    await this.sender
      ?.close()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'closing dead-letter producer failed'));
    this.consumer = undefined;
    this.sender = undefined;
    this.stream = undefined;
  }
}

function messageInfo(message: StringMessage): ConsumedMessageInfo {
  return { topic: message.topic, partition: message.partition, offset: message.offset, key: message.key };
}
