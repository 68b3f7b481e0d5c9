import { OutgoingEvent } from './define-event';

/** An event waiting in its aggregate's document until the relay has published it. */
export interface PendingEvent {
  topic: string;
  /** Kafka message key: the aggregate id, so one aggregate's events stay in one partition, in order. */
  key: string;
  /** The serialized envelope, published byte for byte. */
  envelope: string;
}

/**
 * Outbox fields of an aggregate document. MongoDB-wire stores without multi-document transactions
 * (FerretDB, DocumentDB) can still change state and record its events atomically when both go into the
 * same single-document update. Events live in a map keyed by event id (a ULID: key order is creation
 * order) because FerretDB 1.x ignores `$pull` conditions; publishing `$unset`s exactly the published
 * keys and decrements the counter the relay polls on (keep an index on it).
 */
export interface DocumentOutboxFields {
  pendingEvents?: Record<string, PendingEvent>;
  pendingEventCount: number;
  /**
   * Events Kafka kept refusing, set aside by the relay so they no longer block the others (ADR 0039). An operator
   * re-queues them by moving them back into `pendingEvents` (and the counts with them).
   */
  parkedEvents?: Record<string, PendingEvent & { lastError: string }>;
  parkedEventCount?: number;
}

/** The parts of a MongoDB update the outbox adds to. */
export interface OutboxUpdate {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
}

export type StagedUpdate<TUpdate extends OutboxUpdate> = Omit<TUpdate, '$set' | '$inc'> & {
  $set: NonNullable<TUpdate['$set']> & Record<string, unknown>;
  $inc: NonNullable<TUpdate['$inc']> & Record<string, number>;
};

export const DocumentOutbox = {
  eventsField: 'pendingEvents',
  countField: 'pendingEventCount',
  parkedField: 'parkedEvents',
  parkedCountField: 'parkedEventCount',

  /** The outbox fields of a new document that is inserted together with `events`. */
  initial(
    key: string,
    events: readonly OutgoingEvent[] = [],
  ): Required<Pick<DocumentOutboxFields, 'pendingEvents' | 'pendingEventCount'>> {
    return {
      pendingEvents: Object.fromEntries(events.map((event) => [event.envelope.id, pendingEvent(key, event)])),
      pendingEventCount: events.length,
    };
  },

  /** Adds `events` to an update of the aggregate `key`, so the state change and its events are one write. */
  stage<TUpdate extends OutboxUpdate>(
    update: TUpdate,
    key: string,
    events: readonly OutgoingEvent[],
  ): StagedUpdate<TUpdate> {
    if (!key) throw new Error('DocumentOutbox.stage: key (aggregate id) is required');
    const $set: Record<string, unknown> = { ...update.$set };
    for (const event of events)
      $set[`${DocumentOutbox.eventsField}.${event.envelope.id}`] = pendingEvent(key, event);
    const $inc: Record<string, number> = { ...update.$inc };
    $inc[DocumentOutbox.countField] = ($inc[DocumentOutbox.countField] ?? 0) + events.length;
    return { ...update, $set, $inc } as StagedUpdate<TUpdate>;
  },

  /** A projection that leaves the outbox out of reads: it is relay plumbing, not aggregate data. */
  withoutEvents: { pendingEvents: 0, parkedEvents: 0 } as const,
} as const;

function pendingEvent(key: string, event: OutgoingEvent): PendingEvent {
  return { topic: event.topic, key, envelope: JSON.stringify(event.envelope) };
}
