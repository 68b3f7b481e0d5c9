import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';

export interface PublishedMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

const SEND_TIMEOUT_MS = 15_000;

/**
 * Sends string messages waiting for all in-sync replicas, with no client-side retries: the relay retries a
 * whole document's events later, so one aggregate's events keep their order and duplicates are left to
 * consumers (they dedupe by event id). A send that hangs is abandoned and the producer recreated.
 */
export class KafkaPublisher {
  private producer: Producer<string, string, string, string> | undefined;

  constructor(private readonly options: { brokers: string[]; clientId: string }) {}

  async send(messages: PublishedMessage[]): Promise<void> {
    const producer = (this.producer ??= new Producer({
      clientId: this.options.clientId,
      bootstrapBrokers: this.options.brokers,
      serializers: stringSerializers,
      acks: ProduceAcks.ALL,
      autocreateTopics: true,
      retries: 0,
      timeout: 5000,
    }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Kafka send did not complete within ${SEND_TIMEOUT_MS} ms`)),
        SEND_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([producer.send({ messages }), timeout]);
    } catch (error) {
      if (this.producer === producer) {
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
}
