import { tenantIdColumn } from '@marketplace/tenancy';
import { sql } from 'drizzle-orm';
import {
  char,
  check,
  datetime,
  index,
  int,
  mysqlTable,
  primaryKey,
  unique,
  varchar,
} from 'drizzle-orm/mysql-core';

/** A seller's stock locations (warehouses); `default` is created on first use. */
export const locations = mysqlTable(
  'locations',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    code: varchar('code', { length: 64 }).notNull(),
    name: varchar('name', { length: 255 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [unique('uq_locations_code').on(t.tenantId, t.code)],
);

/**
 * Units of one sku at one location. `on_hand - reserved` is what can still be sold; the CHECK constraints
 * make the database itself refuse any write that would oversell, whatever the code does.
 */
export const stockLevels = mysqlTable(
  'stock_levels',
  {
    tenantId: tenantIdColumn(),
    sku: varchar('sku', { length: 64 }).notNull(),
    locationId: char('location_id', { length: 26 }).notNull(),
    onHand: int('on_hand').notNull(),
    reserved: int('reserved').notNull().default(0),
    /** Incremented by every change, for clients that want to detect concurrent edits. */
    version: int('version').notNull().default(1),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'pk_stock_levels', columns: [t.tenantId, t.sku, t.locationId] }),
    check('chk_stock_on_hand', sql`${t.onHand} >= 0`),
    check('chk_stock_reserved', sql`${t.reserved} >= 0 AND ${t.reserved} <= ${t.onHand}`),
  ],
);

/** Low-stock alert level per sku (over all locations). */
export const stockThresholds = mysqlTable(
  'stock_thresholds',
  {
    tenantId: tenantIdColumn(),
    sku: varchar('sku', { length: 64 }).notNull(),
    threshold: int('threshold').notNull(),
  },
  (t) => [primaryKey({ name: 'pk_stock_thresholds', columns: [t.tenantId, t.sku] })],
);

/** Who changed stock by hand, when, and why; one row per adjustment, never updated. */
export const stockAdjustments = mysqlTable(
  'stock_adjustments',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    sku: varchar('sku', { length: 64 }).notNull(),
    locationId: char('location_id', { length: 26 }).notNull(),
    actorId: varchar('actor_id', { length: 36 }).notNull(),
    reason: varchar('reason', { length: 500 }).notNull(),
    onHandBefore: int('on_hand_before').notNull(),
    onHandAfter: int('on_hand_after').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('idx_stock_adjustments_sku').on(t.tenantId, t.sku, t.createdAt)],
);

export type LocationRow = typeof locations.$inferSelect;
export type StockLevelRow = typeof stockLevels.$inferSelect;
export type StockAdjustmentRow = typeof stockAdjustments.$inferSelect;
