import { updateByIdWhere, type FilterSupport, type UpdateGuard } from '@marketplace/tenancy';
import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { DocumentOutbox, DocumentOutboxFields, PendingEvent } from './document-outbox';
import { eventMessage } from './event-message';
import { EventSender } from './kafka-producer';
import { describeFailure, OutboxParking, retryable } from './kafka-failures';
import { PollingRelay, PollingRelayOptions } from './polling-relay';

/** A collection whose documents carry `DocumentOutboxFields`; typed loosely so any document type fits. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DocumentOutboxCollection = Collection<any>;

export interface DocumentOutboxRelayOptions extends Omit<PollingRelayOptions, 'pollIntervalMs'> {
  collections: readonly DocumentOutboxCollection[];
  /** Owned by the relay: closed by `stop()`. */
  sender: EventSender;
  /** Documents read per collection and pass. Default 100. */
  batchSize?: number;
  /** Idle polling interval. Default 250 ms. */
  pollIntervalMs?: number;
  /**
   * Runs once per collection and pass with the documents whose published events were removed, as the pass read
   * them (`_id`, the outbox count and `afterPublishFields`), e.g. to drop drained tombstones without reading
   * them again.
   */
  afterPublish?: (collection: DocumentOutboxCollection, documents: PublishedDocument[]) => Promise<void>;
  /** Fields of each document the pass reads for `afterPublish` besides its outbox (e.g. `deletedAt`). */
  afterPublishFields?: readonly string[];
  /**
   * Removals of published events in flight at once. Default 4: enough to overlap round trips, few enough to
   * leave the service's own writes most of the connection pool (FerretDB, ADR 0054).
   */
  removalsInFlight?: number;
  /**
   * Runs the relay's write under the service's own write serializer (`createWriteSerializer` of service-kit),
   * so that on FerretDB 1.x it never interleaves with the service's writes to the same collection.
   */
  serializeWrite?: WriteSerializer;
  /** Like `serializeWrite`, for services that serialize writes per document (`createDocumentWriteSerializer`). */
  serializeDocumentWrite?: DocumentWriteSerializer;
  /**
   * How the store answers the relay's guarded removals (`updateByIdWhere` of @marketplace/tenancy): `keyOnly`
   * (FerretDB) checks each guard on the document read by `_id`, which needs the writes serialized as above.
   * Default `planned`: the guard stays in the filter.
   */
  filterSupport?: FilterSupport;
  /**
   * Failed sends after which a document's events Kafka refuses as not retryable are parked: moved to
   * `parkedEvents`, no longer holding back the documents behind them. Default 5.
   */
  maxAttempts?: number;
  /** As `OutboxRelayOptions.parkRetryableAfterMs`: retryable refusals park after this long. Default 10 minutes. */
  parkRetryableAfterMs?: number;
}

/** Runs `work` once no earlier work given to the same serializer is still running. */
export type WriteSerializer = <T>(work: () => Promise<T>) => Promise<T>;

/** Runs `work` once no earlier work given to the same serializer for the same document is still running. */
export type DocumentWriteSerializer = <T>(documentId: unknown, work: () => Promise<T>) => Promise<T>;

const unserialized: WriteSerializer = (work) => work();

type OutboxDocument = DocumentOutboxFields & { _id: unknown };

/** A document of a pass as `afterPublish` gets it: its id, the outbox count it was read with, the fields asked for. */
export type PublishedDocument = { _id: unknown; pendingEventCount: number } & Record<string, unknown>;

/** Beyond this (documents deleted with events pending, say) the set is dropped: at worst a re-send. */
const MAX_SENT_NOT_REMOVED = 10_000;
/**
 * Ids of events this relay removed, remembered (oldest forgotten first) so that a document read before their
 * removal — a writer's copy handed to `publishWritten`, or a pass's read — does not send them again.
 */
const MAX_RECENTLY_REMOVED = 10_000;

const PENDING: Filter<Document> = { [DocumentOutbox.countField]: { $gt: 0 } };
const PARKED: Filter<Document> = { [DocumentOutbox.parkedCountField]: { $gt: 0 } };

interface DocumentFailure {
  collection: DocumentOutboxCollection;
  doc: OutboxDocument;
  error: unknown;
}

/**
 * Publishes the events staged in documents (see `DocumentOutbox`) to Kafka, in event-id order per
 * document, then unsets exactly the published ones. It reads across tenants on purpose: it is plumbing
 * that moves already written events and sees nothing but the outbox fields. Delivery is at least once (a
 * crash between send and removal, or two replicas, re-send); consumers dedupe by event id. A service that
 * hands it the documents it has just written (`publishWritten`) gets their events sent at once, without waiting
 * for a pass to find them; the passes still remove them, and send whatever nobody handed over.
 */
export class DocumentOutboxRelay extends PollingRelay {
  private readonly batchSize: number;
  /** Events sent whose removal was skipped: removed on a later pass without sending them again. */
  private readonly sentNotRemoved = new Set<string>();
  private readonly parking: OutboxParking;
  private readonly removalsInFlight: number;
  /** Failed sends per document since its events last changed (in memory: a restart grants a few more tries). */
  private readonly failedSends = new Map<string, { events: string; attempts: number }>();
  private readonly recentlyRemoved = new Set<string>();
  private readonly passProjection: Record<string, 1>;
  /**
   * Every send, a pass's or written documents', runs here one after the other: each works out what is unsent
   * when its turn comes, so no event goes out twice or after a later event of its document.
   */
  private sendLane: Promise<unknown> = Promise.resolve();
  /** Written documents waiting for their send (`publishWritten`), and whether that send is queued. */
  private written: OutboxDocument[] = [];
  private writtenQueued = false;
  /** The last send failed: written documents are left to the passes (and their back-off) until one succeeds. */
  private sendsFailing = false;

  constructor(private readonly options: DocumentOutboxRelayOptions) {
    super({ ...options, pollIntervalMs: options.pollIntervalMs ?? 250 });
    this.batchSize = options.batchSize ?? 100;
    this.parking = new OutboxParking(options.maxAttempts ?? 5, options.parkRetryableAfterMs ?? 10 * 60_000);
    this.removalsInFlight = options.removalsInFlight ?? 4;
    this.passProjection = Object.fromEntries(
      [DocumentOutbox.eventsField, DocumentOutbox.countField, ...(options.afterPublishFields ?? [])].map(
        (field) => [field, 1 as const],
      ),
    );
    if (options.collections.length === 0)
      throw new Error('DocumentOutboxRelay needs at least one collection');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new Error('batchSize must be a positive integer');
    if (!Number.isInteger(this.removalsInFlight) || this.removalsInFlight < 1)
      throw new Error('removalsInFlight must be a positive integer');
  }

  /** Events still waiting, across all collections. */
  async depth(): Promise<number> {
    let total = 0;
    for (const collection of this.options.collections) {
      const docs = await collection
        .find(PENDING, { projection: { [DocumentOutbox.countField]: 1 } })
        .toArray();
      total += docs.reduce((sum, doc) => sum + Number((doc as OutboxDocument).pendingEventCount ?? 0), 0);
    }
    return total;
  }

  /** Events set aside because Kafka kept refusing them, across all collections. */
  async parked(): Promise<number> {
    let total = 0;
    for (const collection of this.options.collections) {
      const docs = await collection
        .find(PARKED, { projection: { [DocumentOutbox.parkedCountField]: 1 } })
        .toArray();
      total += docs.reduce((sum, doc) => sum + Number((doc as OutboxDocument).parkedEventCount ?? 0), 0);
    }
    return total;
  }

  /**
   * One pass over every collection; returns how many events were published. The documents read are sent in
   * one Kafka request and their published events removed a few documents at a time, one update each. When that
   * request fails, the documents are tried one by one: a document whose events Kafka refuses holds back only
   * itself; the pass throws (and the relay backs off) when nothing at all went out.
   */
  async publishPending(): Promise<number> {
    let published = 0;
    const failures: DocumentFailure[] = [];
    for (const collection of this.options.collections) {
      const docs = (await collection
        .find(PENDING, { projection: this.passProjection, limit: this.batchSize })
        .toArray()) as OutboxDocument[];
      if (docs.length === 0) continue;
      const done: OutboxDocument[] = [];
      if (await this.sendTogether(docs)) {
        let next = 0;
        const remover = async () => {
          for (let doc = docs[next++]; doc; doc = docs[next++]) {
            published += await this.removePublished(collection, doc);
            done.push(doc);
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.removalsInFlight, docs.length) }, remover));
      } else {
        for (const doc of docs) {
          try {
            published += await this.publishDocument(collection, doc);
            done.push(doc);
          } catch (error) {
            failures.push({ collection, doc, error });
            // Two transient failures with nothing accepted look like an outage: back off instead of trying more.
            if (published === 0 && failures.filter((failure) => retryable(failure.error)).length >= 2) break;
          }
        }
      }
      if (this.options.afterPublish && done.length > 0)
        await this.options.afterPublish(
          collection,
          done.map(({ pendingEvents: _events, ...doc }) => doc as PublishedDocument),
        );
    }
    for (const failure of failures) await this.recordFailure(failure, published > 0);
    if (failures.length > 0 && published === 0) {
      if (retryable(failures[0]!.error)) this.parking.outage();
      throw failures[0]!.error;
    }
    return published;
  }

  /**
   * Sends the unsent events of all `docs` in one request (each document's in event-id order); false when it
   * failed, so that the caller finds out document by document which of them Kafka refuses.
   */
  private async sendTogether(docs: readonly OutboxDocument[]): Promise<boolean> {
    try {
      await this.sendUnsent(docs);
    } catch (error) {
      this.logger.warn(
        { err: error, documents: docs.length },
        'outbox batch send failed; retrying per document',
      );
      return false;
    }
    return true;
  }

  /**
   * Publishes the unsent events of documents a writer has just stored, without waiting for a pass to find them:
   * `docs` are the documents as stored, outbox fields included (`pendingEvents` holding every event not yet
   * removed, as a read of the document would). Writes arriving while a send is out gather into the next one.
   * Returns at once; a failed send is left to the passes, which find the events where they are stored. The pass
   * the relay is woken for afterwards removes them. A document whose `pendingEvents` is missing or does not
   * match its count (a partial copy) is left to the passes: sending from it could put a later event before an
   * earlier one.
   */
  publishWritten(docs: readonly (DocumentOutboxFields & { _id: unknown })[]): void {
    const complete = docs.filter(
      (doc) =>
        doc.pendingEvents !== undefined && Object.keys(doc.pendingEvents).length === doc.pendingEventCount,
    );
    if (!this.running || this.sendsFailing || complete.length < docs.length) this.notify();
    if (!this.running || this.sendsFailing || complete.length === 0) return;
    this.written.push(...complete);
    if (this.writtenQueued) return;
    this.writtenQueued = true;
    this.inSendLane(async () => {
      this.writtenQueued = false;
      const docs = this.written.splice(0);
      if (!this.sendsFailing && !this.stopSignal.signal.aborted) await this.sendUnsentNow(docs);
    })
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'sending written events failed; the relay passes retry them'),
      )
      .finally(() => this.notify());
  }

  /** In the send lane: sends what of `docs` is still unsent at its turn (`sendUnsentNow`). */
  private sendUnsent(docs: readonly OutboxDocument[]): Promise<void> {
    return this.inSendLane(() => this.sendUnsentNow(docs));
  }

  /**
   * Sends what of `docs` is unsent, each document's events in event-id order (one document may appear more than
   * once: its copies' events are merged), in one request. Only ever runs in the send lane.
   */
  private async sendUnsentNow(docs: readonly OutboxDocument[]): Promise<void> {
    const byDocument = new Map<string, Map<string, PendingEvent>>();
    for (const doc of docs) {
      const key = String(doc._id);
      const events = byDocument.get(key) ?? new Map<string, PendingEvent>();
      byDocument.set(key, events);
      for (const [eventId, event] of this.unsentEvents(doc)) events.set(eventId, event);
    }
    const unsent = [...byDocument.values()].flatMap((events) =>
      [...events.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    if (unsent.length === 0) return;
    try {
      await this.options.sender.send(unsent.map(([, event]) => toMessage(event)));
    } catch (error) {
      this.sendsFailing = true;
      throw error;
    }
    this.sendsFailing = false;
    for (const [eventId] of unsent) this.sentNotRemoved.add(eventId);
  }

  private inSendLane<T>(work: () => Promise<T>): Promise<T> {
    const result = this.sendLane.then(work);
    this.sendLane = result.catch(() => undefined);
    return result;
  }

  /**
   * Counts a failed send of the document's events; parks them when `OutboxParking` says so (a Kafka outage parks
   * nothing).
   */
  private async recordFailure(
    { collection, doc, error }: DocumentFailure,
    othersAccepted: boolean,
  ): Promise<void> {
    const id = String(doc._id);
    const events = Object.keys(doc.pendingEvents ?? {})
      .sort()
      .join(',');
    const previous = this.failedSends.get(id);
    const attempts = previous?.events === events ? previous.attempts + 1 : 1;
    if (previous && previous.events !== events) this.parking.settled(id);
    if (!this.parking.refused(id, attempts, error, othersAccepted)) {
      this.failedSends.set(id, { events, attempts });
      return;
    }
    const lastError = describeFailure(error).slice(0, 4000);
    const entries = Object.entries(doc.pendingEvents ?? {});
    const moved = await this.serialize(doc._id, () =>
      this.updateWhere(
        collection,
        doc._id,
        { [DocumentOutbox.countField]: doc.pendingEventCount },
        {
          $set: Object.fromEntries(
            entries.map(([eventId, event]) => [
              `${DocumentOutbox.parkedField}.${eventId}`,
              { ...event, lastError },
            ]),
          ),
          $unset: Object.fromEntries(
            entries.map(([eventId]) => [`${DocumentOutbox.eventsField}.${eventId}`, '']),
          ),
          $inc: {
            [DocumentOutbox.countField]: -entries.length,
            [DocumentOutbox.parkedCountField]: entries.length,
          },
        },
      ),
    );
    // Events staged since the read: the next pass tries the document again with them.
    if (!moved) return;
    this.failedSends.delete(id);
    this.logger.error(
      { err: error, documentId: id, eventIds: entries.map(([eventId]) => eventId), attempts },
      'outbox events parked: Kafka keeps refusing them',
    );
  }

  private async publishDocument(collection: DocumentOutboxCollection, doc: OutboxDocument): Promise<number> {
    await this.sendUnsent([doc]);
    return this.removePublished(collection, doc);
  }

  /** The document's events in event-id order, without those this relay already sent (removed or not). */
  private unsentEvents(doc: OutboxDocument): [string, PendingEvent][] {
    return sortedEvents(doc).filter(
      ([eventId]) => !this.sentNotRemoved.has(eventId) && !this.recentlyRemoved.has(eventId),
    );
  }

  private rememberRemoved(eventId: string): void {
    this.sentNotRemoved.delete(eventId);
    this.recentlyRemoved.add(eventId);
    if (this.recentlyRemoved.size > MAX_RECENTLY_REMOVED) {
      const oldest = this.recentlyRemoved.values().next().value;
      if (oldest !== undefined) this.recentlyRemoved.delete(oldest);
    }
  }

  /** Removes the document's events, all sent by now, from it; returns how many it held. */
  private async removePublished(collection: DocumentOutboxCollection, doc: OutboxDocument): Promise<number> {
    const events = sortedEvents(doc);
    if (events.length > 0) {
      // One write per document, and none if events were staged since the read (the count changed): FerretDB
      // 1.x applies an update as an unisolated read-modify-write of the whole document, so a relay write that
      // overlaps a state change can undo it. A skipped document is retried next pass without re-sending.
      // The $exists guards keep a second relay that already removed these events from decrementing again.
      const fields = events.map(([eventId]) => `${DocumentOutbox.eventsField}.${eventId}`);
      const removed = await this.serialize(doc._id, () =>
        this.updateWhere(
          collection,
          doc._id,
          {
            [DocumentOutbox.countField]: doc.pendingEventCount,
            ...Object.fromEntries(fields.map((field) => [field, { $exists: true }])),
          },
          {
            $unset: Object.fromEntries(fields.map((field) => [field, ''])),
            $inc: { [DocumentOutbox.countField]: -events.length },
          },
        ),
      );
      if (removed) for (const [eventId] of events) this.rememberRemoved(eventId);
      else if (this.sentNotRemoved.size > MAX_SENT_NOT_REMOVED) this.sentNotRemoved.clear();
    }
    this.failedSends.delete(String(doc._id));
    this.parking.settled(String(doc._id));
    return events.length;
  }

  private serialize<T>(documentId: unknown, work: () => Promise<T>): Promise<T> {
    if (this.options.serializeDocumentWrite) return this.options.serializeDocumentWrite(documentId, work);
    return (this.options.serializeWrite ?? unserialized)(work);
  }

  private updateWhere(
    collection: DocumentOutboxCollection,
    id: unknown,
    guard: UpdateGuard,
    update: UpdateFilter<Document>,
  ): Promise<boolean> {
    return updateByIdWhere(collection, id, guard, update, this.options.filterSupport ?? 'planned');
  }

  protected async pass(): Promise<boolean> {
    return (await this.publishPending()) > 0;
  }

  /** After the sends already queued (written documents' included), so none reopens the closed sender. */
  protected async closeResources(): Promise<void> {
    await this.sendLane;
    await this.options.sender.close();
  }
}

function sortedEvents(doc: OutboxDocument): [string, PendingEvent][] {
  return Object.entries(doc.pendingEvents ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function toMessage(event: PendingEvent) {
  return eventMessage(event.topic, event.key, event.envelope);
}
