import type { MySqlDb } from '@marketplace/tenancy';
import { eq, inArray, sql } from 'drizzle-orm';
import { type TransferRow, transfers } from './transfer.schema';

/** One transfer by id, locked for the rest of the caller's transaction. */
export async function lockTransfer(tx: MySqlDb, id: string): Promise<TransferRow | undefined> {
  const [row] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
  return row;
}

/** Transfers the provider refused at least once and that still wait for the sweeper, and those held (every tenant). */
export async function countTransfersNeedingPayout(db: MySqlDb): Promise<{ failing: number; held: number }> {
  const [row] = await db
    .select({
      failing: sql<number>`coalesce(sum(${transfers.status} = 'pending' and ${transfers.attempts} > 0), 0)`,
      held: sql<number>`coalesce(sum(${transfers.status} = 'held'), 0)`,
    })
    .from(transfers)
    .where(inArray(transfers.status, ['pending', 'held']));
  return { failing: Number(row?.failing ?? 0), held: Number(row?.held ?? 0) };
}
