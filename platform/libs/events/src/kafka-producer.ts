import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';

export interface KafkaConnectionOptions {
  /** Bootstrap brokers as host:port. */
  brokers: string[];
  clientId: string;
}

/** What relays publish through; `KafkaSender` is the implementation, tests may pass their own. */
export interface EventSender {
  /** Resolves once every message is acknowledged; rejects if any may not have been written. */
  send(messages: OutgoingKafkaMessage[]): Promise<void>;
  close(): Promise<void>;
}

export type StringProducer = Producer<string, string, string, string>;

export interface OutgoingKafkaMessage {
  topic: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}

const SEND_TIMEOUT_MS = 15_000;

export class KafkaSendTimeoutError extends Error {
  constructor() {
    super(`Kafka send did not complete within ${SEND_TIMEOUT_MS} ms`);
    this.name = 'KafkaSendTimeoutError';
  }
}

/**
 * Sends string messages, waiting for all in-sync replicas. No client-side retries: callers retry the
 * whole batch with their own backoff, and a retried batch lands after (never before) what a failed
 * attempt may have written, so per-partition order holds and duplicates are left to consumers.
 * The client's idempotent mode is off: with an unreachable broker its producer-id request never settles.
 */
export class KafkaSender implements EventSender {
  private producer: StringProducer | undefined;

  constructor(private readonly options: KafkaConnectionOptions) {
    if (options.brokers.length === 0) throw new Error('At least one Kafka broker is required');
  }

  async send(messages: OutgoingKafkaMessage[]): Promise<void> {
    const producer = (this.producer ??= this.createProducer());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new KafkaSendTimeoutError()), SEND_TIMEOUT_MS);
    });
    try {
      await Promise.race([producer.send({ messages }), timeout]);
    } catch (error) {
      // A hung connection is dropped so that the next attempt starts from a fresh one.
      if (error instanceof KafkaSendTimeoutError && this.producer === producer) {
        this.producer = undefined;
        producer.close(true).catch(() => undefined);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close();
  }

  private createProducer(): StringProducer {
    return new Producer({
      clientId: this.options.clientId,
      bootstrapBrokers: this.options.brokers,
      serializers: stringSerializers,
      acks: ProduceAcks.ALL,
      autocreateTopics: true,
      retries: 0,
      timeout: 5000,
    });
  }
}
