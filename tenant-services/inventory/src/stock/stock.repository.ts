import { isMySqlDuplicateKey } from '@marketplace/service-kit';
import { tenantRepository, type MySqlDb } from '@marketplace/tenancy';
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { StockPosition } from './stock.inputs';
import {
  locations,
  stockAdjustments,
  stockLevels,
  stockThresholds,
  type LocationRow,
  type StockLevelRow,
} from './stock.schema';

export const DEFAULT_LOCATION_CODE = 'default';

/** drizzle's `set()` takes SQL expressions; the repository's value types only name plain values. */
const expression = (value: SQL) => value as unknown as number;

export function availableOf(rows: Pick<StockLevelRow, 'onHand' | 'reserved'>[]): number {
  return rows.reduce((sum, row) => sum + row.onHand - row.reserved, 0);
}

/**
 * Stock of the current request context's tenant. Every change of `reserved` or `on_hand` is one conditional
 * UPDATE whose WHERE states the invariant, so concurrent callers can never oversell: the row lock orders them
 * and the loser matches no row.
 */
export function stockRecords(db: MySqlDb) {
  const levels = tenantRepository(db, stockLevels);
  const at = (sku: string, locationId: string) =>
    and(eq(stockLevels.sku, sku), eq(stockLevels.locationId, locationId))!;
  const bump = () => ({ version: expression(sql`${stockLevels.version} + 1`), updatedAt: new Date() });

  return {
    /** Rows of these skus (every location). */
    forSkus(skus: string[]): Promise<StockLevelRow[]> {
      if (skus.length === 0) return Promise.resolve([]);
      return levels.findMany(inArray(stockLevels.sku, [...new Set(skus)]));
    },

    forSku(sku: string): Promise<StockLevelRow[]> {
      return levels.findMany(eq(stockLevels.sku, sku), { orderBy: asc(stockLevels.locationId) });
    },

    /**
     * Rows of this sku (every location), locked until the transaction ends: what they say stays true meanwhile, so
     * a change's effect on availability is known without reading them again.
     */
    forSkuLocked(sku: string): Promise<StockLevelRow[]> {
      return levels.findMany(eq(stockLevels.sku, sku), {
        orderBy: asc(stockLevels.locationId),
        forUpdate: true,
      });
    },

    find(sku: string, locationId: string): Promise<StockLevelRow | undefined> {
      return levels.findOne(at(sku, locationId));
    },

    page(options: { first: number; after?: StockPosition; sku?: string }): Promise<StockLevelRow[]> {
      const after = options.after;
      const where = and(
        options.sku === undefined ? undefined : eq(stockLevels.sku, options.sku),
        after === undefined
          ? undefined
          : or(
              gt(stockLevels.sku, after.sku),
              and(eq(stockLevels.sku, after.sku), gt(stockLevels.locationId, after.locationId)),
            ),
      );
      return levels.findMany(where, {
        orderBy: [asc(stockLevels.sku), asc(stockLevels.locationId)],
        limit: options.first,
      });
    },

    async create(sku: string, locationId: string, onHand: number): Promise<void> {
      await levels.insert({ sku, locationId, onHand, reserved: 0, version: 1, updatedAt: new Date() });
    },

    /** Holds `quantity` units if that many are available; false otherwise. */
    async reserve(sku: string, locationId: string, quantity: number): Promise<boolean> {
      const changed = await levels.update(
        and(at(sku, locationId), sql`${stockLevels.onHand} - ${stockLevels.reserved} >= ${quantity}`)!,
        { reserved: expression(sql`${stockLevels.reserved} + ${quantity}`), ...bump() },
      );
      return changed === 1;
    },

    async release(sku: string, locationId: string, quantity: number): Promise<boolean> {
      const changed = await levels.update(
        and(at(sku, locationId), sql`${stockLevels.reserved} >= ${quantity}`)!,
        {
          reserved: expression(sql`${stockLevels.reserved} - ${quantity}`),
          ...bump(),
        },
      );
      return changed === 1;
    },

    /** Held units leave the warehouse: on hand and reserved both go down. */
    async consume(sku: string, locationId: string, quantity: number): Promise<boolean> {
      const changed = await levels.update(
        and(at(sku, locationId), sql`${stockLevels.reserved} >= ${quantity}`)!,
        {
          onHand: expression(sql`${stockLevels.onHand} - ${quantity}`),
          reserved: expression(sql`${stockLevels.reserved} - ${quantity}`),
          ...bump(),
        },
      );
      return changed === 1;
    },

    /** Adds `delta` (may be negative) unless on hand would drop below what is reserved. */
    async adjust(sku: string, locationId: string, delta: number): Promise<boolean> {
      const changed = await levels.update(
        and(at(sku, locationId), sql`${stockLevels.onHand} + ${delta} >= ${stockLevels.reserved}`)!,
        { onHand: expression(sql`${stockLevels.onHand} + ${delta}`), ...bump() },
      );
      return changed === 1;
    },

    /** Sets on hand if the row is still at `version` (optimistic: the caller read it just before). */
    async setIfVersion(sku: string, locationId: string, version: number, onHand: number): Promise<boolean> {
      const changed = await levels.update(
        and(
          at(sku, locationId),
          eq(stockLevels.version, version),
          sql`${onHand} >= ${stockLevels.reserved}`,
        )!,
        { onHand, ...bump() },
      );
      return changed === 1;
    },
  };
}

export function locationRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, locations);
  return {
    find(id: string): Promise<LocationRow | undefined> {
      return scoped.findOne(eq(locations.id, id));
    },
    list(): Promise<LocationRow[]> {
      return scoped.findMany(undefined, { orderBy: asc(locations.code), limit: 500 });
    },
    async create(code: string, name: string): Promise<LocationRow> {
      const row = { id: ulid(), code, name, createdAt: new Date() };
      await scoped.insert(row);
      return (await scoped.findOne(eq(locations.id, row.id)))!;
    },
    /** The tenant's default location, created by whoever needs it first. */
    async ensureDefault(): Promise<LocationRow> {
      const existing = await scoped.findOne(eq(locations.code, DEFAULT_LOCATION_CODE));
      if (existing) return existing;
      try {
        return await this.create(DEFAULT_LOCATION_CODE, 'Default location');
      } catch (error) {
        // A concurrent first use created it a moment ago.
        if (!isMySqlDuplicateKey(error)) throw error;
        return (await scoped.findOne(eq(locations.code, DEFAULT_LOCATION_CODE)))!;
      }
    },
  };
}

export function thresholdRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, stockThresholds);
  return {
    async of(sku: string): Promise<number | undefined> {
      return (await scoped.findOne(eq(stockThresholds.sku, sku)))?.threshold;
    },
    /**
     * The tenant's skus whose availability over all locations is at or below their threshold, in sku order,
     * `first` of them after `afterSku`. Scoped by the repository (the thresholds are the tenant's); the correlated
     * sum reads only stock of the threshold row's own tenant, so another tenant's stock of the same sku never counts.
     */
    low(first: number, afterSku?: string) {
      const available = sql`(select coalesce(sum(sl.on_hand - sl.reserved), 0) from stock_levels sl
        where sl.tenant_id = stock_thresholds.tenant_id and sl.sku = stock_thresholds.sku)`;
      return scoped.findMany(
        and(
          sql`${available} <= stock_thresholds.threshold`,
          afterSku === undefined ? undefined : gt(stockThresholds.sku, afterSku),
        ),
        { orderBy: asc(stockThresholds.sku), limit: first },
      );
    },
    /** Thresholds of these skus by sku; skus without one are absent. */
    async ofSkus(skus: string[]): Promise<Map<string, number>> {
      if (skus.length === 0) return new Map();
      const rows = await scoped.findMany(inArray(stockThresholds.sku, [...new Set(skus)]));
      return new Map(rows.map((row) => [row.sku, row.threshold]));
    },
    async set(sku: string, threshold: number): Promise<void> {
      const changed = await scoped.update(eq(stockThresholds.sku, sku), { threshold });
      if (changed === 0 && (await scoped.findOne(eq(stockThresholds.sku, sku))) === undefined) {
        await scoped.insert({ sku, threshold });
      }
    },
  };
}

export function adjustmentRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, stockAdjustments);
  return {
    async record(entry: {
      sku: string;
      locationId: string;
      actorId: string;
      reason: string;
      onHandBefore: number;
      onHandAfter: number;
    }): Promise<void> {
      await scoped.insert({ id: ulid(), createdAt: new Date(), ...entry });
    },
    forSku(sku: string, limit: number) {
      return scoped.findMany(eq(stockAdjustments.sku, sku), {
        orderBy: [sql`${stockAdjustments.createdAt} desc`, sql`${stockAdjustments.id} desc`],
        limit,
      });
    },
  };
}
