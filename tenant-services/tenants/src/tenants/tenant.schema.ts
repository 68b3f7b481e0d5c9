import { TENANT_STATUSES } from '@marketplace/contracts';
import { tenantIdColumn } from '@marketplace/tenancy';
import { char, datetime, index, int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

/**
 * One row per seller organization. Its `tenant_id` is the Keycloak organization id and the primary key, so the
 * tenant-scoped repositories of @marketplace/tenancy confine every read and write to the caller's own row.
 */
export const tenants = mysqlTable(
  'tenants',
  {
    tenantId: tenantIdColumn().primaryKey(),
    name: varchar('name', { length: 255 }).notNull(),
    alias: varchar('alias', { length: 64 }).notNull().unique('uq_tenants_alias'),
    status: mysqlEnum('status', TENANT_STATUSES).notNull(),
    commissionBps: int('commission_bps', { unsigned: true }).notNull(),
    defaultCurrency: char('default_currency', { length: 3 }).notNull(),
    contactEmail: varchar('contact_email', { length: 320 }).notNull(),
    /** One organization per seller user: a second sign-up by the same user is refused by this key too. */
    ownerUserId: varchar('owner_user_id', { length: 36 }).notNull().unique('uq_tenants_owner'),
    statusChangedAt: timestamp('status_changed_at').notNull(),
    /** Null when the platform itself changed it (seeding). */
    statusChangedBy: varchar('status_changed_by', { length: 36 }),
    suspensionReason: varchar('suspension_reason', { length: 500 }),
    /** Why an admin turned the application down; the seller sees it (the status `rejected` is final). */
    rejectionReason: varchar('rejection_reason', { length: 1000 }),
    /** Store profile buyers see on the seller page: what the store is about, its return policy, its logo. */
    description: varchar('description', { length: 2000 }),
    returnPolicy: varchar('return_policy', { length: 5000 }),
    /** A ready image of the media service (uploaded like product images), resolved to URLs by the media subgraph. */
    logoMediaId: char('logo_media_id', { length: 26 }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('idx_tenants_created').on(t.createdAt, t.tenantId),
    index('idx_tenants_status_created').on(t.status, t.createdAt, t.tenantId),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;

/** Every status change: who (null = the platform), when, why. */
export const tenantStatusHistory = mysqlTable(
  'tenant_status_history',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    fromStatus: mysqlEnum('from_status', TENANT_STATUSES),
    toStatus: mysqlEnum('to_status', TENANT_STATUSES).notNull(),
    changedBy: varchar('changed_by', { length: 36 }),
    reason: varchar('reason', { length: 500 }),
    changedAt: timestamp('changed_at').notNull(),
  },
  (t) => [index('idx_tenant_status_history_tenant').on(t.tenantId, t.changedAt)],
);

export type TenantStatusChangeRow = typeof tenantStatusHistory.$inferSelect;
