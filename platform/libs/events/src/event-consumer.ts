import { Consumer, Message, MessagesStream, stringDeserializers } from '@platformatic/kafka';
import { runWithContext } from '@marketplace/tenancy';
import { BackoffOptions, backoffDelay, sleep } from './backoff';
import { EventCatalog } from './catalog';
import { AnyEventDefinition, EventEnvelopeOf } from './define-event';
import { EventValidationError, parseEnvelope } from './envelope';
import { NonRetryableEventError } from './errors';
import { DeadLetterHeaders, deadLetterTopic } from './headers';
import { KafkaConnectionOptions, KafkaSender } from './kafka-producer';
import { errorMessage, EventsLogger, stderrLogger } from './logger';
import { MySqlDb } from './mysql';
import { mySqlProcessedEvents, ProcessedEventStore } from './processed-event-store';

export interface EventConsumerOptions<TTx = MySqlDb> extends KafkaConnectionOptions {
  /** Kafka consumer group; also the idempotency scope in processed_events. */
  groupId: string;
  /** MySQL database holding processed_events; handlers get a transaction on it. */
  db?: MySqlDb;
  /** Another processed-events store (e.g. `MongoProcessedEvents`), used instead of `db`. */
  processedEvents?: ProcessedEventStore<TTx>;
  logger?: EventsLogger;
  /** Attempts of a failing handler before the message goes to the dead-letter topic. Default 5. */
  maxAttempts?: number;
  /** Delay between handler attempts. Default 100 ms doubling up to 5 s. */
  retryBackoff?: BackoffOptions;
  /** Where a group without committed offsets starts. Default 'earliest'. */
  startFrom?: 'earliest' | 'latest';
  /** Default 10 000 ms. */
  sessionTimeoutMs?: number;
  /** Default 1000 ms. */
  heartbeatIntervalMs?: number;
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

type StringMessage = Message<string, string, string, string>;

/**
 * Consumes events of the registered definitions. Per message: parse and validate the envelope, run the
 * handler once per (event id, group) inside the event's tenant/trace context, then commit the offset.
 * Invalid messages, and messages whose handler keeps failing or throws NonRetryableEventError, go to
 * `<topic>.dlq` with the error in headers and are committed. Messages of event types this consumer
 * does not handle are committed and skipped.
 */
export class EventConsumer<TTx = MySqlDb> {
  private readonly handlers = new Map<AnyEventDefinition, EventHandler<AnyEventDefinition, TTx>>();
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
  private consuming = false;

  constructor(private readonly options: EventConsumerOptions<TTx>) {
    this.logger = options.logger ?? stderrLogger;
    if (options.processedEvents) this.processedEvents = options.processedEvents;
    // Without a store of its own the consumer is the MySQL one, whose handlers get MySqlDb (the default TTx).
    else if (options.db)
      this.processedEvents = mySqlProcessedEvents(options.db) as unknown as ProcessedEventStore<TTx>;
    else throw new Error('EventConsumer needs db (MySQL) or processedEvents');
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBackoff = options.retryBackoff ?? { initialMs: 100, maxMs: 5000 };
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1)
      throw new Error('maxAttempts must be a positive integer');
  }

  /** Registers the handler of one event definition (one type and version). Call before start(). */
  handle<TDefinition extends AnyEventDefinition>(
    definition: TDefinition,
    handler: EventHandler<TDefinition, TTx>,
  ): this {
    if (this.loop) throw new Error('Register handlers before start()');
    this.handlers.set(definition, handler as unknown as EventHandler<AnyEventDefinition, TTx>);
    return this;
  }

  /** False before start(), after stop(), and when consuming ended on an error (for readiness probes). */
  get running(): boolean {
    return this.consuming;
  }

  /** Joins the group and starts consuming; resolves once subscribed. */
  async start(): Promise<void> {
    if (this.loop) return;
    if (this.handlers.size === 0) throw new Error('EventConsumer has no handlers');
    const catalog = new EventCatalog([...this.handlers.keys()]);
    this.catalog = catalog;
    this.stopSignal = new AbortController();
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
    this.loop = this.consumeLoop(stream);
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
  }

  private async consumeLoop(stream: MessagesStream<string, string, string, string>): Promise<void> {
    this.consuming = true;
    try {
      for await (const message of stream) {
        if (this.stopSignal.signal.aborted) break;
        const settled = await this.process(message);
        if (settled) await this.commit(message);
      }
    } catch (error) {
      if (!this.stopSignal.signal.aborted)
        this.logger.error({ err: error, groupId: this.options.groupId }, 'event consumer stopped');
    } finally {
      this.consuming = false;
    }
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
      handler = this.handlers.get(catalog.find(event.type, event.version)!)!;
    } catch (error) {
      const reason =
        error instanceof SyntaxError
          ? new EventValidationError('Message value is not JSON', [{ path: '', message: error.message }])
          : error;
      return this.deadLetter(message, reason, 1);
    }

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
        if (error instanceof NonRetryableEventError || attempt >= this.maxAttempts)
          return this.deadLetter(message, error, attempt);
        const delay = backoffDelay(attempt, this.retryBackoff);
        this.logger.warn(
          { err: error, eventId: event.id, eventType: event.type, attempt, retryInMs: delay },
          'event handler failed; retrying',
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
