import { boolean, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { timestamp } from '../database/columns';

/** Projection of the tenants service's commission rates (tenants.tenant.v1), read when a checkout splits. */
export const tenantCommissions = mysqlTable('tenant_commissions', {
  tenantId: varchar('tenant_id', { length: 36 }).primaryKey(),
  commissionBps: int('commission_bps').notNull(),
  /** Set by an admin for this seller (tenant.commission-changed), not the default given at registration. */
  explicit: boolean('explicit').notNull().default(false),
  changedAt: timestamp('changed_at').notNull(),
});
