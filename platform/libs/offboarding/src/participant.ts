import {
  type OffboardingService,
  TenantDataDeleted,
  TenantDeletionRequested,
  TenantExportPartWritten,
  TenantExportRequested,
} from '@marketplace/contracts';
import {
  DocumentOutbox,
  enqueue,
  eventMessage,
  type EventSender,
  EventConsumer,
  type EventConsumerOptions,
  type MySqlDb,
  type OutgoingEvent,
} from '@marketplace/events';
import { acrossTenants, withinTenant } from '@marketplace/tenancy';
import type { Db } from 'mongodb';
import type { OffboardingObjects } from './offboarding-objects';
import { RECEIPTS_COLLECTION } from './mongo-tenant-data';
import type { TenantDataStore } from './tenant-data';

/** The name every service's offboarding work runs under (ADR 0022: cross-tenant work names its operation). */
export const OFFBOARDING_OPERATION = 'tenant.offboarding';

/** How a service puts its confirmation into its outbox, with the work it confirms where the store allows. */
export type Confirm<TTx> = (tx: TTx, event: OutgoingEvent, key: string) => Promise<void>;

export interface OffboardingParticipantOptions<TTx> {
  service: OffboardingService;
  store: TenantDataStore<TTx>;
  /** Where export parts are written (the request names the prefix); none for stores that export nothing. */
  objects?: OffboardingObjects;
  consumer: EventConsumerOptions<TTx>;
  confirm: Confirm<TTx>;
  /** After a confirmation was staged (e.g. wake the document outbox relay; a MySQL commit wakes its relay itself). */
  confirmed?: () => void;
}

/** MySQL services: the confirmation goes into the outbox in the consumer's transaction, with the erasure. */
export const confirmThroughOutbox: Confirm<MySqlDb> = (tx, event, key) => enqueue(tx, event, { key });

/**
 * Services without a database of record (Redis only): the confirmation is sent before the request's offset is
 * committed. A crash in between redelivers the request, whose erasure repeats cleanly and confirms again; the
 * tenants service counts confirmations by service, so a second one changes nothing.
 */
export function confirmThroughKafka(sender: EventSender): Confirm<undefined> {
  return (_tx, event, key) => sender.send([eventMessage(event.topic, key, JSON.stringify(event.envelope))]);
}

/**
 * MongoDB services: the confirmation is staged in a receipt document (document outbox, ADR 0003) that the
 * service's relay publishes; the receipt's id is the request and service, so a re-run stages nothing twice.
 * Add `collection` to the service's DocumentOutboxRelay.
 */
export async function mongoReceipts(db: Db) {
  const collection = db.collection<{ _id: string; pendingEventCount: number }>(RECEIPTS_COLLECTION);
  await collection.createIndex({ pendingEventCount: 1 });
  const confirm: Confirm<undefined> = async (_tx, event, key) => {
    const payload = event.envelope.payload as { exportId?: string; deletionId?: string };
    await collection.updateOne(
      { _id: `${event.envelope.type}:${payload.exportId ?? payload.deletionId}` },
      { $setOnInsert: { ...DocumentOutbox.initial(key, [event]), stagedAt: new Date() } },
      { upsert: true },
    );
  };
  return { collection, confirm };
}

/**
 * One service's part of tenant offboarding: on `tenant.export-requested` it writes its records as JSON Lines
 * (and copies its objects) under the request's prefix and confirms with `tenant.export-part-written`; on
 * `tenant.deletion-requested` it erases (or anonymizes) its data and confirms with `tenant.data-deleted`.
 * Idempotent through the consumer's processed events and stores that repeat cleanly.
 */
export function offboardingParticipant<TTx>(options: OffboardingParticipantOptions<TTx>): EventConsumer<TTx> {
  const { service, store, objects } = options;
  const scoped = <T>(tenantId: string, work: () => Promise<T>) =>
    withinTenant(tenantId, () => acrossTenants(OFFBOARDING_OPERATION, work));
  return new EventConsumer<TTx>(options.consumer)
    .handle(TenantExportRequested, ({ payload }, { tx }) =>
      scoped(payload.tenantId, async () => {
        const files = [];
        for (const file of await store.exportFiles(payload.tenantId, tx)) {
          if (!objects) throw new Error(`${service} exported ${file.name} but has no bucket to write it to`);
          if ('copyOf' in file) {
            const key = `${payload.partsPrefix}/${service}/${file.name}`;
            await objects.copy(file.copyOf, key);
            files.push({ name: file.name, key, records: 1 });
          } else {
            const key = `${payload.partsPrefix}/${service}/${file.name}.jsonl`;
            await objects.putJsonLines(key, file.records);
            files.push({ name: `${file.name}.jsonl`, key, records: file.records.length });
          }
        }
        const event = TenantExportPartWritten.create(
          {
            exportId: payload.exportId,
            tenantId: payload.tenantId,
            service,
            files,
            writtenAt: new Date().toISOString(),
          },
          { tenantId: null },
        );
        await options.confirm(tx, event, payload.tenantId);
        options.confirmed?.();
      }),
    )
    .handle(TenantDeletionRequested, ({ payload }, { tx }) =>
      scoped(payload.tenantId, async () => {
        const { deleted, anonymized } = await store.erase(payload.tenantId, tx);
        const event = TenantDataDeleted.create(
          {
            deletionId: payload.deletionId,
            tenantId: payload.tenantId,
            service,
            deleted,
            anonymized,
            deletedAt: new Date().toISOString(),
          },
          { tenantId: null },
        );
        await options.confirm(tx, event, payload.tenantId);
        options.confirmed?.();
      }),
    );
}
