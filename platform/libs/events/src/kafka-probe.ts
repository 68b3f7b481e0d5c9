import { Admin } from '@platformatic/kafka';
import type { KafkaConnectionOptions } from './kafka-producer';

/**
 * Asks the brokers for the cluster's metadata: whether Kafka answers at all, which an idle relay or a consumer
 * waiting for messages would not notice. One client, dropped after a failure so the next probe starts afresh.
 */
export class KafkaBrokerProbe {
  private client: Admin | undefined;

  constructor(private readonly options: KafkaConnectionOptions) {
    if (options.brokers.length === 0) throw new Error('At least one Kafka broker is required');
  }

  async probe(signal: AbortSignal): Promise<void> {
    const client = (this.client ??= new Admin({
      clientId: this.options.clientId,
      bootstrapBrokers: this.options.brokers,
      retries: 0,
      timeout: 2000,
    }));
    const aborted = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(new Error('Kafka did not answer in time')), {
        once: true,
      });
    });
    try {
      await Promise.race([client.metadata({ topics: [], forceUpdate: true }), aborted]);
    } catch (error) {
      if (this.client === client) this.client = undefined;
      client.close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close();
  }
}
