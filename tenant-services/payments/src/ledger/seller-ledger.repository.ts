import {
  crossTenantRepository,
  type MySqlDb,
  type NewRow,
  requireTenantId,
  tenantRepository,
  withinTenant,
} from '@marketplace/tenancy';
import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
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
 * balance (see `appendSellerLedgers`).
 */
export async function appendSellerLedger(
  tx: MySqlDb,
  order: SellerOrderRef,
  entries: SellerLedgerEntry[],
  at = new Date(),
): Promise<void> {
  await appendSellerLedgers(tx, [{ order, entries }], at);
}

/** One seller order's entries, for `appendSellerLedgers`. */
export interface SellerLedgerAppend {
  order: SellerOrderRef;
  entries: SellerLedgerEntry[];
}

/**
 * Appends the entries of several seller orders, in the order given, in the caller's transaction, with running
 * balances: every balance row concerned is changed with one statement, which locks them exclusively at once (an
 * INSERT IGNORE would take shared locks first, and two appends upgrading theirs deadlock) in tenant id and currency
 * order (ADR 0055's fixed lock order), so concurrent appends queue behind each other; the balances read after it
 * are this transaction's own, held until it ends. Orders of several tenants only in a cross-tenant operation.
 */
export async function appendSellerLedgers(
  tx: MySqlDb,
  appends: SellerLedgerAppend[],
  at = new Date(),
): Promise<void> {
  const moving = appends
    .map(({ order, entries }) => ({
      order,
      entries: entries.filter((entry) => entry.amount !== 0 || MEMO_KINDS.includes(entry.kind)),
    }))
    .filter(({ entries }) => entries.length > 0);
  if (moving.length === 0) return;
  // Per balance row: what these entries change it by, and the running balance (the balance before them, once read).
  const balances = new Map<string, { tenantId: string; currency: string; change: number; balance: number }>();
  for (const { order, entries } of moving) {
    const key = balanceKey(order.tenantId, order.currency);
    const change = entries.reduce(
      (sum, entry) => (MEMO_KINDS.includes(entry.kind) ? sum : sum + entry.amount),
      0,
    );
    const known = balances.get(key);
    if (known) known.change += change;
    else balances.set(key, { tenantId: order.tenantId, currency: order.currency, change, balance: 0 });
  }
  const changed = [...balances.values()].sort(
    (a, b) => compare(a.tenantId, b.tenantId) || compare(a.currency, b.currency),
  );
  await tx
    .insert(sellerBalances)
    .values(
      changed.map(({ tenantId, currency, change }) => ({
        tenantId,
        currency,
        balance: change,
        updatedAt: at,
      })),
    )
    .onDuplicateKeyUpdate({
      set: { balance: sql`${sellerBalances.balance} + values(balance)`, updatedAt: at },
    });
  const tenants = [...new Set(changed.map((row) => row.tenantId))];
  const currencies = inArray(sellerBalances.currency, [...new Set(changed.map((row) => row.currency))]);
  const held =
    tenants.length === 1
      ? await withinTenant(tenants[0]!, () => tenantRepository(tx, sellerBalances).findMany(currencies))
      : await crossTenantRepository(tx, sellerBalances).findMany(
          and(inArray(sellerBalances.tenantId, tenants), currencies),
        );
  for (const row of held) {
    const balance = balances.get(balanceKey(row.tenantId, row.currency));
    if (balance) balance.balance = row.balance - balance.change;
  }
  const rowsOf = new Map<string, NewRow<typeof sellerLedgerEntries>[]>();
  for (const { order, entries } of moving) {
    const balance = balances.get(balanceKey(order.tenantId, order.currency))!;
    const rows = rowsOf.get(order.tenantId) ?? [];
    rowsOf.set(order.tenantId, rows);
    for (const entry of entries) {
      if (!MEMO_KINDS.includes(entry.kind)) balance.balance += entry.amount;
      rows.push({
        id: entryId(),
        currency: order.currency,
        kind: entry.kind,
        amount: entry.amount,
        balanceAfter: balance.balance,
        buyerOrderId: order.buyerOrderId,
        sellerOrderId: order.sellerOrderId,
        providerRef: entry.providerRef ?? null,
        createdAt: at,
      });
    }
  }
  for (const [tenantId, rows] of rowsOf) {
    await withinTenant(tenantId, () => tenantRepository(tx, sellerLedgerEntries).insert(rows));
  }
}

const balanceKey = (tenantId: string, currency: string) => `${tenantId} ${currency}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
