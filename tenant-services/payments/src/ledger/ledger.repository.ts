import type { MySqlDb } from '@marketplace/tenancy';
import { asc, eq } from 'drizzle-orm';
import { monotonicFactory } from 'ulid';
import { type LedgerEntryRow, type LedgerKind, ledgerEntries } from './ledger.schema';

export interface LedgerEntry {
  buyerOrderId: string;
  sellerOrderId?: string | null;
  tenantId?: string | null;
  kind: LedgerKind;
  amount: number;
  currency: string;
  providerRef?: string | null;
}

// Monotonic within a millisecond, so entries written together read back in the order they were written.
const ledgerId = monotonicFactory();

/** Appends entries in the caller's transaction; the ledger is never updated. */
export async function appendLedger(tx: MySqlDb, entries: LedgerEntry[], at = new Date()): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(ledgerEntries).values(
    entries.map((entry) => ({
      id: ledgerId(),
      buyerOrderId: entry.buyerOrderId,
      sellerOrderId: entry.sellerOrderId ?? null,
      tenantId: entry.tenantId ?? null,
      kind: entry.kind,
      amount: entry.amount,
      currency: entry.currency,
      providerRef: entry.providerRef ?? null,
      createdAt: at,
    })),
  );
}

export function ledgerOf(db: MySqlDb, buyerOrderId: string): Promise<LedgerEntryRow[]> {
  return db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.buyerOrderId, buyerOrderId))
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

/** What the platform holds of a buyer order: charges and reversals in, transfers and refunds out. */
export function platformBalance(entries: Pick<LedgerEntryRow, 'kind' | 'amount'>[]): number {
  const sign: Record<LedgerKind, number> = {
    charge: 1,
    transfer_reversal: 1,
    transfer: -1,
    refund: -1,
    commission: 0,
    hold: 0,
    release: 0,
  };
  return entries.reduce((sum, entry) => sum + sign[entry.kind] * entry.amount, 0);
}
