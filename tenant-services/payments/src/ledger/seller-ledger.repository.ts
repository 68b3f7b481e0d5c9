import { type MySqlDb, requireTenantId, tenantRepository, withinTenant } from '@marketplace/tenancy';
import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import { monotonicFactory } from 'ulid';
import {
  MEMO_KINDS,
  sellerBalances,
  type SellerLedgerKind,
  sellerLedgerEntries,
} from './seller-ledger.schema';

export interface SellerLedgerEntry {
  kind: SellerLedgerKind;
  /** Signed: + raises what the platform owes the seller, − lowers it. */
  amount: number;
  providerRef?: string | null;
}

export interface SellerOrderRef {
  tenantId: string;
  buyerOrderId: string;
  sellerOrderId: string;
  currency: string;
}

// Monotonic within a millisecond, so entries written together read back in the order they were written.
const entryId = monotonicFactory();

/**
 * Appends entries of one seller order to its tenant's ledger in the caller's transaction, with the running
 * balance; the balance row is changed first, which locks it, so concurrent appends of one tenant queue behind
 * each other.
 */
export async function appendSellerLedger(
  tx: MySqlDb,
  order: SellerOrderRef,
  entries: SellerLedgerEntry[],
  at = new Date(),
): Promise<void> {
  const moving = entries.filter((entry) => entry.amount !== 0 || MEMO_KINDS.includes(entry.kind));
  if (moving.length === 0) return;
  const change = moving.reduce(
    (sum, entry) => (MEMO_KINDS.includes(entry.kind) ? sum : sum + entry.amount),
    0,
  );
  await withinTenant(order.tenantId, async () => {
    // Creates the row or adds to it in one statement, which locks it exclusively at once (an INSERT IGNORE would
    // take a shared lock first, and two appends upgrading theirs deadlock); the balance read after it is this
    // transaction's own, held until it ends.
    await tx
      .insert(sellerBalances)
      .values({ tenantId: order.tenantId, currency: order.currency, balance: change, updatedAt: at })
      .onDuplicateKeyUpdate({ set: { balance: sql`${sellerBalances.balance} + ${change}`, updatedAt: at } });
    const held = await tenantRepository(tx, sellerBalances).findOne(
      eq(sellerBalances.currency, order.currency),
    );
    let balance = (held?.balance ?? change) - change;
    const rows = moving.map((entry) => {
      if (!MEMO_KINDS.includes(entry.kind)) balance += entry.amount;
      return {
        id: entryId(),
        currency: order.currency,
        kind: entry.kind,
        amount: entry.amount,
        balanceAfter: balance,
        buyerOrderId: order.buyerOrderId,
        sellerOrderId: order.sellerOrderId,
        providerRef: entry.providerRef ?? null,
        createdAt: at,
      };
    });
    await tenantRepository(tx, sellerLedgerEntries).insert(rows);
  });
}

/** The current tenant's entries matching `within`, summed (signed) and counted per currency and kind. */
export function ledgerTotalsByKind(
  db: MySqlDb,
  within: SQL,
): Promise<{ currency: string; kind: SellerLedgerKind; total: string; entries: number }[]> {
  return db
    .select({
      currency: sellerLedgerEntries.currency,
      kind: sellerLedgerEntries.kind,
      total: sql<string>`sum(${sellerLedgerEntries.amount})`,
      entries: count(),
    })
    .from(sellerLedgerEntries)
    .where(and(eq(sellerLedgerEntries.tenantId, requireTenantId()), within))
    .groupBy(sellerLedgerEntries.currency, sellerLedgerEntries.kind);
}

/** The current tenant's balances (what the platform owes it and has not transferred yet), per currency. */
export async function sellerBalancesOf(db: MySqlDb): Promise<{ currency: string; balance: number }[]> {
  const rows = await tenantRepository(db, sellerBalances).findMany(undefined, {
    orderBy: [asc(sellerBalances.currency)],
  });
  return rows.map((row) => ({ currency: row.currency, balance: row.balance }));
}
