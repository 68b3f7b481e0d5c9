import { auditEvent, type AuditInput } from '@marketplace/audit';
import { DocumentOutbox, type DocumentOutboxFields } from '@marketplace/events';
import { ulid } from 'ulid';
import type { CatalogDatabase } from '../database/catalog-database';

/**
 * An audit record that belongs to no product or category (an admin's cross-tenant read, a search index rebuild):
 * a document of its own whose outbox holds the one event. The relay publishes it and then deletes the document,
 * so the collection holds only records not yet on the audit topic (no tenant data stays here).
 */
export interface AuditRecordDocument extends DocumentOutboxFields {
  _id: string;
  createdAt: Date;
}

export const AUDIT_RECORDS_COLLECTION = 'audit_records';

/** Stages one audit record (ADR 0020) in the catalog's document outbox; resolves once it is stored. */
export async function recordCatalogAudit(database: CatalogDatabase, input: AuditInput): Promise<void> {
  const id = ulid();
  const record: AuditRecordDocument = {
    _id: id,
    createdAt: new Date(),
    ...DocumentOutbox.initial(input.tenantId ?? 'platform', [auditEvent(input)]),
  };
  await database.serializeProductWrites(id, () => database.auditRecords.insertOne(record));
  database.categoriesWritten();
}
