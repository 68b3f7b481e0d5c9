import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';

export interface KafkaConnectionOptions {
  /** Bootstrap brokers as host:port. */
  brokers: string[];
  clientId: string;
}

export type StringProducer = Producer<string, string, string, string>;

/**
 * Idempotent producer waiting for all in-sync replicas: a retried send can neither duplicate nor
 * reorder messages of one partition. Few client-side retries, since callers have their own backoff.
 */
export function createProducer(options: KafkaConnectionOptions): StringProducer {
  if (options.brokers.length === 0) throw new Error('At least one Kafka broker is required');
  return new Producer({
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    serializers: stringSerializers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    autocreateTopics: true,
    retries: 1,
    retryDelay: 100,
    timeout: 5000,
  });
}
