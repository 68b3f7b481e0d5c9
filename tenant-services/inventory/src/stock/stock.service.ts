import { Injectable } from '@nestjs/common';
import type { Principal } from '@marketplace/auth';
import { inventorySkuSchema } from '@marketplace/contracts';
import { type MySqlDb } from '@marketplace/tenancy';
import { ConflictError, NotFoundError, ValidationError } from '@marketplace/observability';
import { isMySqlDuplicateKey, MySqlDatabase, pageOf } from '@marketplace/service-kit';
import { enqueueStockChange } from './stock.events';
import {
  adjustStockSchema,
  createLocationSchema,
  lowStockArgsSchema,
  lowStockCursor,
  setLowStockThresholdSchema,
  setStockSchema,
  stockCursor,
  stockLevelsArgsSchema,
} from './stock.inputs';
import {
  adjustmentRecords,
  availableOf,
  locationRecords,
  stockRecords,
  thresholdRecords,
} from './stock.repository';
import type { LowStockItem, StockLevelView } from './stock.model';
import type { LocationRow, StockAdjustmentRow, StockLevelRow } from './stock.schema';

const SET_STOCK_ATTEMPTS = 5;
const AUDIT_LIST_LIMIT = 200;

/** A seller's own stock operations; the tenant is always the caller's (request context). */
@Injectable()
export class StockService {
  constructor(private readonly database: MySqlDatabase) {}

  async page(args: { first: number; after?: string | null; sku?: string | null }) {
    const valid = stockLevelsArgsSchema.parse({
      first: args.first,
      after: args.after ?? undefined,
      sku: args.sku ?? undefined,
    });
    const after = valid.after === undefined ? undefined : stockCursor.decode(valid.after);
    const rows = await stockRecords(this.database.db).page({
      first: valid.first + 1,
      ...(after ? { after } : {}),
      ...(valid.sku ? { sku: valid.sku } : {}),
    });
    const thresholds = await thresholdRecords(this.database.db).ofSkus(rows.map((row) => row.sku));
    const views = rows.map((row) => withThreshold(row, thresholds.get(row.sku)));
    return pageOf(views, valid.first, ({ sku, locationId }) => stockCursor.encode({ sku, locationId }));
  }

  /** The tenant's skus at or below their low-stock threshold (availability over all locations), in sku order. */
  async lowStock(args: { first: number; after?: string | null }) {
    const valid = lowStockArgsSchema.parse({ first: args.first, after: args.after ?? undefined });
    const after = valid.after === undefined ? undefined : lowStockCursor.decode(valid.after).sku;
    const db = this.database.db;
    const thresholds = await thresholdRecords(db).low(valid.first + 1, after);
    const levels = await stockRecords(db).forSkus(thresholds.map((row) => row.sku));
    const items: LowStockItem[] = thresholds.map(({ sku, threshold }) => {
      const rows = levels.filter((level) => level.sku === sku);
      return {
        sku,
        threshold,
        available: availableOf(rows),
        onHand: rows.reduce((sum, row) => sum + row.onHand, 0),
      };
    });
    return pageOf(items, valid.first, ({ sku }) => lowStockCursor.encode({ sku }));
  }

  /** Input is validated in full (threshold included) before anything is written: a refusal changes nothing. */
  async adjust(principal: Principal, input: unknown): Promise<StockLevelView> {
    const { sku, locationId, delta, reason, lowStockThreshold } = adjustStockSchema.parse(input);
    const row = await this.transaction(async (tx) => {
      const location = await this.locationOf(tx, locationId);
      if (lowStockThreshold != null) await thresholdRecords(tx).set(sku, lowStockThreshold);
      const stock = stockRecords(tx);
      const existing = await stock.find(sku, location.id);
      if (!existing) {
        if (delta < 0) throw new NotFoundError(`No stock of ${sku} at location ${location.code}`);
        await this.createRow(tx, sku, location.id, delta);
      } else if (!(await stock.adjust(sku, location.id, delta))) {
        throw new ValidationError(`Removing ${-delta} of ${sku} would leave fewer on hand than are reserved`);
      }
      const after = (await stock.find(sku, location.id))!;
      await adjustmentRecords(tx).record({
        sku,
        locationId: location.id,
        actorId: principal.userId,
        reason,
        onHandBefore: after.onHand - delta,
        onHandAfter: after.onHand,
      });
      await enqueueStockChange(tx, sku, delta);
      return withThreshold(after, await thresholdRecords(tx).of(sku));
    });
    return row;
  }

  /** Like `adjust`: the stock and the optional threshold change together or not at all. */
  async set(principal: Principal, input: unknown): Promise<StockLevelView> {
    const { sku, locationId, onHand, reason, lowStockThreshold } = setStockSchema.parse(input);
    const row = await this.transaction(async (tx) => {
      const location = await this.locationOf(tx, locationId);
      if (lowStockThreshold != null) await thresholdRecords(tx).set(sku, lowStockThreshold);
      const stock = stockRecords(tx);
      let before: number | undefined;
      for (let attempt = 0; attempt < SET_STOCK_ATTEMPTS && before === undefined; attempt += 1) {
        const current = await stock.find(sku, location.id);
        if (!current) {
          await this.createRow(tx, sku, location.id, onHand);
          before = 0;
        } else if (onHand < current.reserved) {
          throw new ValidationError(
            `${sku} has ${current.reserved} reserved; on hand cannot be set below that`,
          );
        } else if (await stock.setIfVersion(sku, location.id, current.version, onHand)) {
          before = current.onHand;
        }
      }
      if (before === undefined) throw new ConflictError(`${sku} is changing concurrently; try again`);
      await adjustmentRecords(tx).record({
        sku,
        locationId: location.id,
        actorId: principal.userId,
        reason,
        onHandBefore: before,
        onHandAfter: onHand,
      });
      await enqueueStockChange(tx, sku, onHand - before);
      return withThreshold((await stock.find(sku, location.id))!, await thresholdRecords(tx).of(sku));
    });
    return row;
  }

  async setLowStockThreshold(input: unknown): Promise<{ sku: string; threshold: number }> {
    const { sku, threshold } = setLowStockThresholdSchema.parse(input);
    await thresholdRecords(this.database.db).set(sku, threshold);
    return { sku, threshold };
  }

  adjustments(sku: string): Promise<StockAdjustmentRow[]> {
    return adjustmentRecords(this.database.db).forSku(inventorySkuSchema.parse(sku), AUDIT_LIST_LIMIT);
  }

  locations(): Promise<LocationRow[]> {
    return locationRecords(this.database.db).list();
  }

  async createLocation(input: unknown): Promise<LocationRow> {
    const { code, name } = createLocationSchema.parse(input);
    try {
      return await locationRecords(this.database.db).create(code, name);
    } catch (error) {
      if (isMySqlDuplicateKey(error)) throw new ConflictError(`A location with code ${code} exists already`);
      throw error;
    }
  }

  private async locationOf(tx: MySqlDb, locationId: string | undefined): Promise<LocationRow> {
    const records = locationRecords(tx);
    if (locationId === undefined) return records.ensureDefault();
    const location = await records.find(locationId);
    if (!location) throw new NotFoundError(`No location ${locationId}`);
    return location;
  }

  private async createRow(tx: MySqlDb, sku: string, locationId: string, onHand: number): Promise<void> {
    try {
      await stockRecords(tx).create(sku, locationId, onHand);
    } catch (error) {
      if (isMySqlDuplicateKey(error)) throw new ConflictError(`${sku} was created concurrently; try again`);
      throw error;
    }
  }

  private transaction<T>(work: (tx: MySqlDb) => Promise<T>): Promise<T> {
    // Read committed: each conditional UPDATE and the reads after it see the latest committed rows.
    return this.database.db.transaction(work, { isolationLevel: 'read committed' });
  }
}

function withThreshold(row: StockLevelRow, threshold: number | undefined): StockLevelView {
  return { ...row, lowStockThreshold: threshold ?? null };
}
