import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Admin,
  ClusterMetadata,
  Consumer,
  Message,
  MessagesStreamModes,
  Producer,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { stackEnv } from './stack-env';

// The topic the stack provisions for this test alone, so no service consumer ever sees its messages.
const SMOKE_TOPIC = 'stack.smoke.v1';

const provisionedTopics = readFileSync(join(__dirname, '..', 'kafka-topics.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [name = '', partitions] = line.trim().split(/\s+/);
    return { name, partitions: Number(partitions) };
  });

type StringMessage = Message<string, string, string, string>;

describe('kafka (local stack)', () => {
  const bootstrapBrokers = stackEnv('KAFKA_BROKERS').split(',');
  const runId = randomUUID();

  it('provisions every aggregate topic with its dead-letter twin', async () => {
    const admin = new Admin({ clientId: `stack-smoke-admin-${runId}`, bootstrapBrokers });
    try {
      const metadata: ClusterMetadata = await admin.metadata({
        topics: provisionedTopics.map((topic) => topic.name),
      });
      const actual = provisionedTopics.map(({ name }) => ({
        name,
        partitions: metadata.topics.get(name)?.partitionsCount,
      }));
      expect(actual).toEqual(provisionedTopics);
      expect(provisionedTopics.map((topic) => topic.name)).toEqual(
        expect.arrayContaining(['orders.order.v1', 'orders.order.v1.dlq', 'payments.payment.v1.dlq']),
      );
    } finally {
      await admin.close();
    }
  });

  it('delivers keyed messages with headers to a fresh consumer group, in order per key', async () => {
    const keys = [`order-${randomUUID()}`, `order-${randomUUID()}`];
    const sent = keys.flatMap((key) =>
      [1, 2, 3].map((sequence) => ({
        topic: SMOKE_TOPIC,
        key,
        value: JSON.stringify({ runId, key, sequence }),
        headers: { 'trace-id': randomUUID(), 'event-type': 'stack.smoke.sequenced' },
      })),
    );

    const producer = new Producer({
      clientId: `stack-smoke-producer-${runId}`,
      bootstrapBrokers,
      serializers: stringSerializers,
    });
    try {
      await producer.send({ messages: sent });
    } finally {
      await producer.close();
    }

    const consumer = new Consumer({
      groupId: `stack-smoke-${runId}`,
      clientId: `stack-smoke-consumer-${runId}`,
      bootstrapBrokers,
      deserializers: stringDeserializers,
    });
    const received: StringMessage[] = [];
    try {
      const stream = await consumer.consume({
        topics: [SMOKE_TOPIC],
        mode: MessagesStreamModes.EARLIEST,
        autocommit: true,
        maxWaitTime: 500,
      });
      // Earlier runs left messages in the topic; only this run's keys count.
      for await (const message of stream as AsyncIterable<StringMessage>) {
        if (keys.includes(message.key)) received.push(message);
        if (received.length === sent.length) break;
      }
    } finally {
      await consumer.close(true);
    }

    for (const key of keys) {
      const ofKey = received.filter((message) => message.key === key);
      expect(new Set(ofKey.map((message) => message.partition)).size).toBe(1);
      expect(ofKey.map((message) => JSON.parse(message.value).sequence)).toEqual([1, 2, 3]);
    }
    expect(
      received
        .map((message) => ({
          key: message.key,
          value: message.value,
          headers: Object.fromEntries(message.headers),
        }))
        .sort((a, b) => a.value.localeCompare(b.value)),
    ).toEqual(
      sent
        .map(({ key, value, headers }) => ({ key, value, headers }))
        .sort((a, b) => a.value.localeCompare(b.value)),
    );
  });
});
