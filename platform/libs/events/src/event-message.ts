import { RawEnvelope } from './envelope';
import { EventHeaders } from './headers';
import { OutgoingKafkaMessage } from './kafka-producer';

/**
 * The Kafka message of a serialized envelope: the value is published byte for byte, the headers repeat
 * the envelope's id, type, version, trace and tenant so routers and tools need not parse the value.
 */
export function eventMessage(topic: string, key: string, serializedEnvelope: string): OutgoingKafkaMessage {
  const envelope = JSON.parse(serializedEnvelope) as RawEnvelope;
  const headers: Record<string, string> = {
    [EventHeaders.eventId]: envelope.id,
    [EventHeaders.eventType]: envelope.type,
    [EventHeaders.eventVersion]: String(envelope.version),
    [EventHeaders.traceId]: envelope.traceId,
  };
  if (envelope.tenantId) headers[EventHeaders.tenantId] = envelope.tenantId;
  return { topic, key, value: serializedEnvelope, headers };
}
