import { TENANT_STATUSES } from '@marketplace/contracts';
import { mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { timestamp } from '../database/columns';

/**
 * Projection of the tenants service's tenant status (tenants.tenant.v1): payouts go only to approved tenants
 * that are not suspended. A tenant without a row was provisioned active (as the catalog also assumes).
 */
export const tenantStatuses = mysqlTable('tenant_statuses', {
  tenantId: varchar('tenant_id', { length: 36 }).primaryKey(),
  status: mysqlEnum('status', TENANT_STATUSES).notNull(),
  changedAt: timestamp('changed_at').notNull(),
});
