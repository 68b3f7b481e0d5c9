// For integration tests: reads the audit topic from its beginning, as the collector would.
import { Consumer, stringDeserializers, type Message } from '@platformatic/kafka';
import { ulid } from 'ulid';
import { AUDIT_TOPIC, type AuditEntry } from './src/audit-event';

export interface AuditTopicReader {
  /** Audit records seen so far (the envelope id and time with the payload). */
  records: (AuditEntry & { id: string; occurredAt: string })[];
  stop(): Promise<void>;
}

export async function readAuditTopic(brokers: string[]): Promise<AuditTopicReader> {
  const consumer = new Consumer({
    clientId: `audit-test-${ulid().toLowerCase()}`,
    groupId: `audit-test-${ulid().toLowerCase()}`,
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
    maxWaitTime: 200,
  });
  const stream = await consumer.consume({ topics: [AUDIT_TOPIC], mode: 'earliest', autocommit: false });
  const records: AuditTopicReader['records'] = [];
  stream.on('data', (message: Message<string, string, string, string>) => {
    const envelope = JSON.parse(message.value) as { id: string; occurredAt: string; payload: AuditEntry };
    records.push({ ...envelope.payload, id: envelope.id, occurredAt: envelope.occurredAt });
  });
  return {
    records,
    async stop() {
      await stream.close();
      await consumer.close(true);
    },
  };
}
