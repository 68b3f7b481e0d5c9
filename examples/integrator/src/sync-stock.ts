import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { MarketplaceApiError, unwrap, type MarketplaceClient } from '@marketplace/sdk';

export interface StockSyncResult {
  updated: { sku: string; onHand: number }[];
  failed: { row: number; sku: string; error: string }[];
}

/**
 * Sets the stock of every `sku,on_hand` row of a warehouse export (header row first). Each row's
 * Idempotency-Key is derived from the file and the sku, so running the same file twice (after a crash, say)
 * sets nothing twice; a row the API refuses is reported and the others go on.
 */
export async function syncStockFromCsv(
  api: MarketplaceClient,
  csv: string,
  reason = 'warehouse stock sync',
): Promise<StockSyncResult> {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const fileHash = createHash('sha256').update(csv).digest('hex').slice(0, 16);
  const result: StockSyncResult = { updated: [], failed: [] };
  for (const [index, row] of rows.entries()) {
    const sku = row.sku ?? '';
    const onHand = Number(row.on_hand);
    try {
      const level = unwrap(
        await api.POST('/api/v1/inventory/stock/set', {
          params: { header: { 'Idempotency-Key': `stock-sync-${fileHash}-${sku}` } },
          body: { sku, onHand, reason },
        }),
      );
      result.updated.push({ sku: level.sku, onHand: level.onHand });
    } catch (error) {
      if (!(error instanceof MarketplaceApiError)) throw error;
      result.failed.push({ row: index + 1, sku, error: error.message });
    }
  }
  return result;
}
