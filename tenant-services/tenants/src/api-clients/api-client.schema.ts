import { tenantIdColumn } from '@marketplace/tenancy';
import { char, datetime, index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/** A tenant's client-credentials clients in Keycloak. Their secrets live only in Keycloak. */
export const apiClients = mysqlTable(
  'api_clients',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    clientId: varchar('client_id', { length: 255 }).notNull().unique('uq_api_clients_client_id'),
    name: varchar('name', { length: 255 }).notNull(),
    createdBy: varchar('created_by', { length: 36 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('idx_api_clients_tenant').on(t.tenantId, t.createdAt)],
);

export type ApiClientRow = typeof apiClients.$inferSelect;
