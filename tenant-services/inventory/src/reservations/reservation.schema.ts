import { RESERVATION_STATUSES } from '@marketplace/contracts';
import { datetime, index, json, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/** Units of one seller's sku held at one location. */
export interface ReservedLine {
  tenantId: string;
  sku: string;
  locationId: string;
  quantity: number;
}

/**
 * One checkout's hold on stock. A platform record, not a tenant's: a checkout spans sellers, so the tenant is
 * named on each line and every stock change for a line runs scoped to that tenant. The id is the caller's
 * (the checkout id), which makes reserving idempotent.
 */
export const reservations = mysqlTable(
  'reservations',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    status: varchar('status', { length: 16, enum: RESERVATION_STATUSES }).notNull(),
    lines: json('lines').$type<ReservedLine[]>().notNull(),
    expiresAt: datetime('expires_at', { mode: 'date', fsp: 3 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('idx_reservations_expiry').on(t.status, t.expiresAt)],
);

export type ReservationRow = typeof reservations.$inferSelect;
