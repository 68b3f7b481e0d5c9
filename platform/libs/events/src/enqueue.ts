import { OutgoingEvent } from './define-event';
import { MySqlDb } from './mysql';
import { outboxWritten } from './outbox-commits';
import { outbox } from './tables';

export interface EnqueueOptions {
  /** The aggregate id: Kafka message key, so events of one aggregate keep their order. */
  key: string;
}

/**
 * Records an event in the outbox. Call it with the transaction that makes the state change, so the
 * event exists exactly when the change commits; the relay publishes it afterwards (woken by the commit when the
 * database came from `wakeRelaysOnOutboxCommit`).
 */
export async function enqueue(tx: MySqlDb, event: OutgoingEvent, options: EnqueueOptions): Promise<void> {
  await enqueueAll(tx, [{ event, ...options }]);
}

/** An event with its aggregate id, for `enqueueAll`. */
export interface KeyedEvent extends EnqueueOptions {
  event: OutgoingEvent;
}

/**
 * Records several events in the outbox with one statement, published in the order given (as many `enqueue`
 * calls would): a transaction that raises several events pays for one insert.
 */
export async function enqueueAll(tx: MySqlDb, events: readonly KeyedEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (const { key } of events)
    if (!key || key.length > 191) throw new Error('enqueue: key (aggregate id) must be 1-191 characters');
  await tx.insert(outbox).values(
    events.map(({ event, key }) => ({
      eventId: event.envelope.id,
      topic: event.topic,
      key,
      envelope: JSON.stringify(event.envelope),
    })),
  );
  outboxWritten(tx);
}
