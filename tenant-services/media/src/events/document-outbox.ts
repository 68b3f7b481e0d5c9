import type { OutgoingEvent } from '@marketplace/events';

/** An event waiting in its aggregate's document until the relay has published it. */
export interface PendingEvent {
  topic: string;
  /** Kafka message key: the aggregate id. */
  key: string;
  /** The serialized envelope, published byte for byte. */
  envelope: string;
}

/**
 * Outbox fields every aggregate document carries. FerretDB (and DocumentDB) offer no multi-document
 * transactions, so the event is written into the aggregate's own document by the same single-document
 * update that changes its state: both happen or neither does. Events are kept in a map keyed by event id
 * (a ULID, so key order is creation order) because FerretDB 1.x ignores `$pull` conditions; publishing
 * `$unset`s one key and decrements the counter the relay polls on.
 */
export interface OutboxFields {
  pendingEvents?: Record<string, PendingEvent>;
  pendingEventCount: number;
}

export const PENDING_EVENTS_FIELD = 'pendingEvents';
export const PENDING_EVENT_COUNT_FIELD = 'pendingEventCount';

export interface StateChangeUpdate {
  $set: Record<string, unknown>;
  $unset?: Record<string, ''>;
  $inc?: Record<string, number>;
}

/** Adds `events` to an update of the aggregate, so the state change and its events are one write. */
export function withEvents(
  update: StateChangeUpdate,
  key: string,
  events: readonly OutgoingEvent[],
): StateChangeUpdate {
  const $set = { ...update.$set };
  for (const event of events) {
    const pending: PendingEvent = { topic: event.topic, key, envelope: JSON.stringify(event.envelope) };
    $set[`${PENDING_EVENTS_FIELD}.${event.envelope.id}`] = pending;
  }
  const $inc = {
    ...update.$inc,
    [PENDING_EVENT_COUNT_FIELD]: (update.$inc?.[PENDING_EVENT_COUNT_FIELD] ?? 0) + events.length,
  };
  return { ...update, $set, $inc };
}
