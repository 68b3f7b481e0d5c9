import { index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { currencyCode, money, orderId, providerRef, timestamp, ulidKey } from '../database/columns';

export const LEDGER_KINDS = [
  'charge',
  'transfer',
  'commission',
  'refund',
  'transfer_reversal',
  'hold',
  'release',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * Append-only money movements (never updated or deleted). Amounts are positive; the kind says the direction:
 * charge in from the buyer; transfer out to a seller; commission kept by the platform; refund out to the buyer;
 * transfer_reversal back from a seller; hold (a seller's share kept until it may receive it) and release (the
 * hold ends, the transfer follows) are memos like commission.
 */
export const ledgerEntries = mysqlTable(
  'ledger_entries',
  {
    id: ulidKey().primaryKey(),
    buyerOrderId: orderId('buyer_order_id').notNull(),
    sellerOrderId: orderId('seller_order_id'),
    tenantId: varchar('tenant_id', { length: 36 }),
    kind: mysqlEnum('kind', LEDGER_KINDS).notNull(),
    amount: money('amount').notNull(),
    currency: currencyCode().notNull(),
    providerRef: providerRef('provider_ref'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('idx_ledger_buyer_order').on(t.buyerOrderId, t.createdAt),
    index('idx_ledger_tenant').on(t.tenantId, t.createdAt),
  ],
);

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
