import { tenantIdColumn } from '@marketplace/tenancy';
import { boolean, char, datetime, index, int, json, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/** A seller's receiver: where events of the chosen topics go, signed with its secret. */
export const webhookEndpoints = mysqlTable(
  'webhook_endpoints',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    url: varchar('url', { length: 2048 }).notNull(),
    description: varchar('description', { length: 255 }).notNull().default(''),
    topics: json('topics').$type<string[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Why the platform disabled it (`failing`), null when enabled or disabled by its owner. */
    disabledReason: varchar('disabled_reason', { length: 64 }),
    secret: varchar('secret', { length: 100 }).notNull(),
    /** After a rotation the previous secret still signs until `previous_secret_expires_at`. */
    previousSecret: varchar('previous_secret', { length: 100 }),
    previousSecretExpiresAt: datetime('previous_secret_expires_at', { mode: 'date', fsp: 3 }),
    /** First failed attempt since the last success; null while deliveries succeed. */
    failingSince: datetime('failing_since', { mode: 'date', fsp: 3 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
    version: int('version').notNull().default(1),
  },
  (t) => [index('idx_webhook_endpoints_tenant').on(t.tenantId, t.createdAt)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
