import { varchar } from 'drizzle-orm/mysql-core';

/** Tenant ids are UUIDs or ULIDs (36 / 26 characters). */
const TENANT_ID_LENGTH = 36;

/** The shared `tenant_id` column every tenant-owned MySQL table declares as its `tenantId` property. */
export function tenantIdColumn() {
  return varchar('tenant_id', { length: TENANT_ID_LENGTH }).notNull();
}
