import { EventHeaders, type EventsLogger, type RawEnvelope } from '@marketplace/events';
import type { Collection, Document, Filter } from 'mongodb';
import {
  PENDING_EVENT_COUNT_FIELD,
  PENDING_EVENTS_FIELD,
  type OutboxFields,
  type PendingEvent,
} from './document-outbox';
import type { KafkaPublisher, PublishedMessage } from './kafka-publisher';

export interface DocumentOutboxRelayOptions {
  /** Collections whose documents carry outbox fields. */
  collections: readonly Collection<Document>[];
  publisher: KafkaPublisher;
  logger: EventsLogger;
  /** Documents drained per pass. Default 100. */
  batchSize?: number;
  /** Idle polling interval. Default 250 ms. */
  pollIntervalMs?: number;
  /** Longest wait between attempts while Kafka or the database fail. Default 10 s. */
  maxBackoffMs?: number;
}

type OutboxDocument = Document & OutboxFields & { _id: unknown };

/**
 * Publishes the events waiting in aggregate documents (see `document-outbox.ts`) to Kafka, then removes
 * each from its document. It reads across tenants on purpose: it is platform plumbing that moves already
 * written events, never serves a request, and sees nothing but the outbox fields. Delivery is at least
 * once (a crash between send and removal, or two replicas, re-send); consumers dedupe by event id.
 */
export class DocumentOutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: DocumentOutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.options.publisher
      .close()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'closing outbox producer failed'));
  }

  /** Wakes an idle relay at once, e.g. right after a write that added events. */
  notify(): void {
    this.wake?.();
  }

  /** Events still waiting, across all collections. */
  async depth(): Promise<number> {
    let total = 0;
    for (const collection of this.options.collections) {
      const docs = await collection
        .find({ [PENDING_EVENT_COUNT_FIELD]: { $gt: 0 } }, { projection: { [PENDING_EVENT_COUNT_FIELD]: 1 } })
        .toArray();
      total += docs.reduce((sum, doc) => sum + Number(doc[PENDING_EVENT_COUNT_FIELD] ?? 0), 0);
    }
    return total;
  }

  /** One pass over every collection; returns how many events were published. */
  async publishPending(): Promise<number> {
    let published = 0;
    for (const collection of this.options.collections) {
      const docs = (await collection
        .find(
          { [PENDING_EVENT_COUNT_FIELD]: { $gt: 0 } },
          { projection: { [PENDING_EVENTS_FIELD]: 1 }, limit: this.batchSize },
        )
        .toArray()) as OutboxDocument[];
      for (const doc of docs) published += await this.publishDocument(collection, doc);
    }
    return published;
  }

  private async publishDocument(collection: Collection<Document>, doc: OutboxDocument): Promise<number> {
    // ULID keys sort by creation time: the aggregate's events go out in the order they happened.
    const events = Object.entries(doc.pendingEvents ?? {}).sort(([a], [b]) => a.localeCompare(b));
    if (events.length === 0) return 0;
    await this.options.publisher.send(events.map(([, event]) => toMessage(event)));
    for (const [eventId] of events) {
      const field = `${PENDING_EVENTS_FIELD}.${eventId}`;
      await collection.updateOne({ _id: doc._id, [field]: { $exists: true } } as Filter<Document>, {
        $unset: { [field]: '' },
        $inc: { [PENDING_EVENT_COUNT_FIELD]: -1 },
      });
    }
    return events.length;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const published = await this.publishPending();
        if (failures > 0) this.options.logger.info({ failures }, 'outbox relay recovered');
        failures = 0;
        if (published > 0) continue;
        await this.idle(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const delay = Math.min(this.maxBackoffMs, 200 * 2 ** (failures - 1));
        this.options.logger.warn({ err: error, failures, retryInMs: delay }, 'outbox relay failed; retrying');
        await this.idle(delay);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      if (this.stopped) done();
    });
  }
}

function toMessage(event: PendingEvent): PublishedMessage {
  const envelope = JSON.parse(event.envelope) as RawEnvelope;
  const headers: Record<string, string> = {
    [EventHeaders.eventId]: envelope.id,
    [EventHeaders.eventType]: envelope.type,
    [EventHeaders.eventVersion]: String(envelope.version),
    [EventHeaders.traceId]: envelope.traceId,
  };
  if (envelope.tenantId) headers[EventHeaders.tenantId] = envelope.tenantId;
  return { topic: event.topic, key: event.key, value: event.envelope, headers };
}
