import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { MySqlColumnBuilderBase } from 'drizzle-orm/mysql-core';

/** Tenant ids are UUIDs or ULIDs (36 / 26 characters). */
export const TENANT_ID_LENGTH = 36;

/** The shared `tenant_id` column every tenant-owned MySQL table declares as its `tenantId` property. */
export function tenantIdColumn() {
  return varchar('tenant_id', { length: TENANT_ID_LENGTH }).notNull();
}

/** `mysqlTable` with the `tenantId` column added, so a tenant-owned table cannot forget it. */
export function tenantTable<TName extends string, TColumns extends Record<string, MySqlColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
) {
  return mysqlTable(name, { tenantId: tenantIdColumn(), ...columns });
}
