import { StockChanged, StockLow } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import { requireTenantId, type MySqlDb } from '@marketplace/tenancy';
import { availableOf, stockRecords, thresholdRecords } from './stock.repository';

/**
 * Records `stock.changed` with the sku's availability after a change in `tx` that moved it by `availableDelta`,
 * and `stock.low` when that change took availability from above the seller's threshold to at or below it — the
 * same "at or below" the `lowStock` query lists — so one drop alerts once. The rows just changed are locked by `tx`, so before = after - delta holds exactly.
 */
export async function enqueueStockChange(tx: MySqlDb, sku: string, availableDelta: number): Promise<number> {
  const tenantId = requireTenantId();
  const available = availableOf(await stockRecords(tx).forSku(sku));
  const availableBefore = available - availableDelta;
  const key = `${tenantId}:${sku}`;
  await enqueue(tx, StockChanged.create({ tenantId, sku, available }, { tenantId }), { key });
  const threshold = await thresholdRecords(tx).of(sku);
  if (threshold !== undefined && availableBefore > threshold && available <= threshold) {
    await enqueue(tx, StockLow.create({ tenantId, sku, available, threshold }, { tenantId }), { key });
  }
  return available;
}
