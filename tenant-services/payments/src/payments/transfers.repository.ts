import type { MySqlDb } from '@marketplace/tenancy';
import { eq } from 'drizzle-orm';
import { type TransferRow, transfers } from './transfer.schema';

/** One transfer by id, locked for the rest of the caller's transaction. */
export async function lockTransfer(tx: MySqlDb, id: string): Promise<TransferRow | undefined> {
  const [row] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
  return row;
}
