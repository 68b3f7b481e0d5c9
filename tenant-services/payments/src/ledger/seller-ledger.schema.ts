import { tenantIdColumn } from '@marketplace/tenancy';
import { index, mysqlEnum, mysqlTable, primaryKey } from 'drizzle-orm/mysql-core';
import { currencyCode, money, orderId, providerRef, timestamp, ulidKey } from '../database/columns';

/**
 * What a seller's balance at the platform is made of (ADR 0018). The balance is what the platform owes the seller
 * and has not transferred yet: sale + and commission − when a seller order settles, payout − when its share is
 * transferred, refund − and commission + (the commission on the refunded part comes back) when the buyer is
 * refunded, reversal + when Stripe takes the share back, dispute − / + when a dispute holds or returns money.
 * hold and release are memos (the share is kept, then let go); they do not move the balance.
 */
export const SELLER_LEDGER_KINDS = [
  'sale',
  'commission',
  'payout',
  'refund',
  'reversal',
  'hold',
  'release',
  'dispute',
] as const;
export type SellerLedgerKind = (typeof SELLER_LEDGER_KINDS)[number];
export const MEMO_KINDS: readonly SellerLedgerKind[] = ['hold', 'release'];

/** Append-only, per tenant and currency; `balance_after` is the running balance after the entry. */
export const sellerLedgerEntries = mysqlTable(
  'seller_ledger_entries',
  {
    tenantId: tenantIdColumn(),
    id: ulidKey().primaryKey(),
    currency: currencyCode().notNull(),
    kind: mysqlEnum('kind', SELLER_LEDGER_KINDS).notNull(),
    /** Signed minor units: what the entry does to the balance (memos carry the amount they concern). */
    amount: money('amount').notNull(),
    balanceAfter: money('balance_after').notNull(),
    buyerOrderId: orderId('buyer_order_id').notNull(),
    sellerOrderId: orderId('seller_order_id').notNull(),
    providerRef: providerRef('provider_ref'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('idx_seller_ledger_tenant').on(t.tenantId, t.currency, t.createdAt, t.id)],
);
export type SellerLedgerEntryRow = typeof sellerLedgerEntries.$inferSelect;

/** The running balance per tenant and currency; its row lock orders concurrent appends. */
export const sellerBalances = mysqlTable(
  'seller_balances',
  {
    tenantId: tenantIdColumn(),
    currency: currencyCode().notNull(),
    balance: money('balance').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency] })],
);
