import { Consumer, stringDeserializers, type Message } from '@platformatic/kafka';
import { ulid } from 'ulid';

export interface ReadEnvelope {
  id: string;
  type: string;
  tenantId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
  key: string;
  /** When the broker stored the message (ms since the epoch). */
  kafkaTimestamp: number;
}

export interface TopicReader {
  /** Every envelope read so far whose message key is one of the watched keys, in topic order. */
  readonly envelopes: ReadEnvelope[];
  /** Resolves once `done` holds for the envelopes read, or fails after `timeoutMs`. */
  waitUntil(done: (envelopes: ReadEnvelope[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group and keeps the envelopes whose key passes
 * `keep` (e.g. one buyer order id), so a test sees exactly what any new subscriber of the topic would see.
 */
export async function readTopic(topic: string, keep: (key: string) => boolean): Promise<TopicReader> {
  const consumer = new Consumer({
    clientId: `e2e-${ulid().toLowerCase()}`,
    groupId: `e2e-${ulid().toLowerCase()}`,
    bootstrapBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    deserializers: stringDeserializers,
    maxWaitTime: 200,
  });
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
  const envelopes: ReadEnvelope[] = [];
  stream.on('data', (message: Message<string, string, string, string>) => {
    if (!keep(message.key)) return;
    const envelope = JSON.parse(message.value) as Omit<ReadEnvelope, 'key' | 'kafkaTimestamp'>;
    envelopes.push({ ...envelope, key: message.key, kafkaTimestamp: Number(message.timestamp) });
  });
  return {
    envelopes,
    async waitUntil(done, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(envelopes)) {
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      await stream.close();
      await consumer.close(true);
    },
  };
}
