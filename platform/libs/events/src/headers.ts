/** Kafka headers set on every published event, so routers and tools need not parse the value. */
export const EventHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  traceId: 'trace-id',
  tenantId: 'tenant-id',
} as const;

/** Headers added to a message sent to the dead-letter topic. */
export const DeadLetterHeaders = {
  error: 'dlq-error',
  errorName: 'dlq-error-name',
  attempts: 'dlq-attempts',
  consumerGroup: 'dlq-consumer-group',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
} as const;

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
