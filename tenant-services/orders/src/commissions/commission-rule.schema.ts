import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { currencyCode, money, timestamp, ulidKey } from '../database/columns';

/**
 * Platform commission rules (admins manage them; ADR 0019): global (no tenant, no category), per category, and per
 * seller and category. The per-seller rate itself is the tenants service's (tenant_commissions).
 */
export const commissionRules = mysqlTable('commission_rules', {
  id: ulidKey().primaryKey(),
  /** `<tenant or *>/<category or *>`: one rule per scope. */
  scope: varchar('scope', { length: 110 }).notNull().unique('commission_rules_scope'),
  tenantId: varchar('tenant_id', { length: 36 }),
  categoryId: varchar('category_id', { length: 64 }),
  rateBps: int('rate_bps').notNull(),
  /** Optional least commission per order line, in `minCurrency` minor units (lines in other currencies: none). */
  minPerLine: money('min_per_line'),
  minCurrency: currencyCode('min_currency'),
  updatedBy: varchar('updated_by', { length: 36 }).notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
export type CommissionRuleRow = typeof commissionRules.$inferSelect;

export function scopeOf(tenantId: string | null, categoryId: string | null): string {
  return `${tenantId ?? '*'}/${categoryId ?? '*'}`;
}
