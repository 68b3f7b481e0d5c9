import type { OffboardingService } from '@marketplace/contracts';
import { tenantIdColumn } from '@marketplace/tenancy';
import { bigint, char, datetime, index, json, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export interface ExportPartFile {
  name: string;
  key: string;
  records: number;
}

/** One export of everything a tenant owns: the parts services confirmed, then the archive assembled from them. */
export const tenantExports = mysqlTable(
  'tenant_exports',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    requestedBy: varchar('requested_by', { length: 36 }),
    requestedAt: timestamp('requested_at').notNull(),
    parts: json('parts').$type<Partial<Record<OffboardingService, ExportPartFile[]>>>().notNull(),
    archiveKey: varchar('archive_key', { length: 512 }),
    archiveBytes: bigint('archive_bytes', { mode: 'number', unsigned: true }),
    completedAt: timestamp('completed_at'),
  },
  (t) => [index('idx_tenant_exports_tenant').on(t.tenantId, t.requestedAt)],
);
export type TenantExportRow = typeof tenantExports.$inferSelect;

export interface DeletionConfirmation {
  deleted: Record<string, number>;
  anonymized: Record<string, number>;
  at: string;
}

/**
 * The record of a tenant's deletion: who asked, why, which services confirmed. Kept after the deletion (it is
 * the proof the data was deleted, and holds no personal data); ADR 0038.
 */
export const tenantDeletions = mysqlTable(
  'tenant_deletions',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    reason: varchar('reason', { length: 1000 }).notNull(),
    requestedBy: varchar('requested_by', { length: 36 }),
    requestedAt: timestamp('requested_at').notNull(),
    confirmations: json('confirmations')
      .$type<Partial<Record<OffboardingService, DeletionConfirmation>>>()
      .notNull(),
    completedAt: timestamp('completed_at'),
  },
  (t) => [index('idx_tenant_deletions_tenant').on(t.tenantId, t.requestedAt)],
);
export type TenantDeletionRow = typeof tenantDeletions.$inferSelect;
