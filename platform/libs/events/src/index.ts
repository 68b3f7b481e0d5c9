export { envelopeSchema, parseEnvelope, EventValidationError } from './envelope';
export type { EventEnvelope, EventValidationIssue, RawEnvelope } from './envelope';
export { defineEvent } from './define-event';
export type {
  AnyEventDefinition,
  CreateEventOptions,
  EventDefinition,
  EventEnvelopeOf,
  OutgoingEvent,
} from './define-event';
export { EventCatalog } from './catalog';
export {
  outbox,
  processedEvents,
  OUTBOX_TABLE_SQL,
  PROCESSED_EVENTS_TABLE_SQL,
  createEventTables,
} from './tables';
export type { MySqlDb } from './mysql';
export { isMySqlDuplicateKey } from './mysql';
export { enqueue, enqueueAll } from './enqueue';
export type { EnqueueOptions, KeyedEvent } from './enqueue';
export { onOutboxCommit, wakeRelaysOnOutboxCommit } from './outbox-commits';
export { OutboxRelay, PARKED_ATTEMPTS } from './outbox-relay';
export type { OutboxRelayOptions } from './outbox-relay';
export { EventConsumer } from './event-consumer';
export type {
  BatchHandler,
  BatchItem,
  ConsumerState,
  ConsumerStatus,
  ConsumedMessageInfo,
  EventConsumerOptions,
  EventHandler,
  HandleOptions,
  HandlerContext,
} from './event-consumer';
export { runOnce } from './run-once';
export { MongoProcessedEvents, mySqlProcessedEvents, repeatableHandlers } from './processed-event-store';
export type { ProcessedEventDocument, ProcessedEventStore } from './processed-event-store';
export type { RunOnceKey, RunOnceResult } from './run-once';
export { NonRetryableEventError } from './errors';
export { EventHeaders, DeadLetterHeaders, deadLetterTopic } from './headers';
export type { EventsLogger } from './logger';
export { backoffDelay } from './backoff';
export type { BackoffOptions } from './backoff';
export { KafkaSender, KafkaSendTimeoutError } from './kafka-producer';
export type { EventSender, KafkaConnectionOptions, OutgoingKafkaMessage } from './kafka-producer';
export { eventMessage } from './event-message';
export { KafkaBrokerProbe } from './kafka-probe';
export { DocumentOutbox } from './document-outbox';
export type { DocumentOutboxFields, OutboxUpdate, PendingEvent, StagedUpdate } from './document-outbox';
export { DocumentOutboxRelay } from './document-outbox-relay';
export type {
  DocumentOutboxCollection,
  DocumentOutboxRelayOptions,
  DocumentWriteSerializer,
  PublishedDocument,
  WriteSerializer,
} from './document-outbox-relay';
