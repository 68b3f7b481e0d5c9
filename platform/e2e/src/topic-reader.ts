import { Admin, Consumer, stringDeserializers, type Message } from '@platformatic/kafka';
import { DeadLetterHeaders } from '@marketplace/events';
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

export interface DeadLetters {
  /** Messages on each dead-letter topic (`<topic>.dlq`) that holds any. */
  counts: Record<string, number>;
  /** Up to 10 of them: topic, key, the consumer group that gave up and the error it recorded. */
  samples: { topic: string; key: string; group: string; error: string }[];
}

const LATEST = -1n;
const EARLIEST = -2n;

/**
 * What was dead-lettered on the broker of `KAFKA_BROKERS`: every `*.dlq` topic's message count from its offsets,
 * and a few of the messages with their errors. Counts do not depend on how quickly a consumer would read.
 */
export async function readDeadLetters(): Promise<DeadLetters> {
  const bootstrapBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const admin = new Admin({ clientId: `e2e-${ulid().toLowerCase()}`, bootstrapBrokers });
  const counts: Record<string, number> = {};
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.endsWith('.dlq'));
    if (topics.length === 0) return { counts, samples: [] };
    const metadata = await admin.metadata({ topics });
    const offsetsAt = (timestamp: bigint) =>
      admin.listOffsets({
        topics: topics.map((name) => ({
          name,
          partitions: Array.from({ length: metadata.topics.get(name)?.partitionsCount ?? 1 }, (_, i) => ({
            partitionIndex: i,
            timestamp,
          })),
        })),
      });
    const [latest, earliest] = await Promise.all([offsetsAt(LATEST), offsetsAt(EARLIEST)]);
    for (const topic of latest) {
      const start = earliest.find((other) => other.name === topic.name)?.partitions ?? [];
      const count = topic.partitions.reduce(
        (sum, partition) =>
          sum +
          Number(
            partition.offset -
              (start.find((p) => p.partitionIndex === partition.partitionIndex)?.offset ?? 0n),
          ),
        0,
      );
      if (count > 0) counts[topic.name] = count;
    }
  } finally {
    await admin.close();
  }
  const full = Object.keys(counts);
  if (full.length === 0) return { counts, samples: [] };
  const consumer = new Consumer({
    clientId: `e2e-${ulid().toLowerCase()}`,
    groupId: `e2e-${ulid().toLowerCase()}`,
    bootstrapBrokers,
    deserializers: stringDeserializers,
    maxWaitTime: 200,
  });
  const samples: DeadLetters['samples'] = [];
  const stream = await consumer.consume({ topics: full, mode: 'earliest', autocommit: false });
  stream.on('data', (message: Message<string, string, string, string>) => {
    if (samples.length < 10)
      samples.push({
        topic: message.topic,
        key: message.key,
        group: String(message.headers.get(DeadLetterHeaders.consumerGroup) ?? ''),
        error: String(message.headers.get(DeadLetterHeaders.error) ?? '').slice(0, 300),
      });
  });
  const wanted = Math.min(
    10,
    Object.values(counts).reduce((sum, n) => sum + n, 0),
  );
  for (const deadline = Date.now() + 15_000; samples.length < wanted && Date.now() < deadline;)
    await new Promise((resolve) => setTimeout(resolve, 200));
  await stream.close();
  await consumer.close(true);
  return { counts, samples };
}
