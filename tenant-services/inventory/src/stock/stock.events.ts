import { StockChanged, StockLow } from '@marketplace/contracts';
import { enqueueAll, type KeyedEvent } from '@marketplace/events';
import { requireTenantId, type MySqlDb } from '@marketplace/tenancy';
import { availableOf, stockRecords, thresholdRecords } from './stock.repository';

/**
 * Records `stock.changed` with the sku's availability after a change in `tx` that moved it by `availableDelta`,
 * and `stock.low` when that change took availability from above the seller's threshold to at or below it — the
 * same "at or below" the `lowStock` query lists — so one drop alerts once. The rows just changed are locked by `tx`, so before = after - delta holds exactly.
 */
export async function enqueueStockChange(tx: MySqlDb, sku: string, availableDelta: number): Promise<number> {
  const available = availableOf(await stockRecords(tx).forSku(sku));
  await enqueueAll(tx, stockChangeEvents(sku, available, availableDelta, await thresholdRecords(tx).of(sku)));
  return available;
}

/**
 * The events of a change of the current tenant's `sku` that moved its availability by `availableDelta` to
 * `available` (see `enqueueStockChange`), for a caller that knows both exactly (its rows locked) and writes them
 * with its other events.
 */
export function stockChangeEvents(
  sku: string,
  available: number,
  availableDelta: number,
  threshold: number | undefined,
): KeyedEvent[] {
  const tenantId = requireTenantId();
  const availableBefore = available - availableDelta;
  const key = `${tenantId}:${sku}`;
  const events: KeyedEvent[] = [
    { event: StockChanged.create({ tenantId, sku, available }, { tenantId }), key },
  ];
  if (threshold !== undefined && availableBefore > threshold && available <= threshold) {
    events.push({ event: StockLow.create({ tenantId, sku, available, threshold }, { tenantId }), key });
  }
  return events;
}
