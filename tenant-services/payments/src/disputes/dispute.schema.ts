import { tenantIdColumn } from '@marketplace/tenancy';
import { index, mysqlEnum, mysqlTable, unique, varchar } from 'drizzle-orm/mysql-core';
import { currencyCode, money, orderId, providerRef, timestamp, ulidKey } from '../database/columns';

export const DISPUTE_STATUSES = ['open', 'won', 'lost'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A buyer's chargeback on the checkout's charge (Stripe `charge.dispute.*`), ADR 0023. */
export const disputes = mysqlTable(
  'disputes',
  {
    id: ulidKey().primaryKey(),
    providerDisputeId: providerRef('provider_dispute_id').notNull().unique('uq_disputes_provider'),
    paymentId: ulidKey('payment_id').notNull(),
    buyerOrderId: orderId('buyer_order_id').notNull(),
    amount: money('amount').notNull(),
    currency: currencyCode().notNull(),
    reason: varchar('reason', { length: 100 }).notNull(),
    status: mysqlEnum('status', DISPUTE_STATUSES).notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('idx_disputes_created').on(t.createdAt, t.id)],
);
export type DisputeRow = typeof disputes.$inferSelect;

/**
 * One seller's part of a dispute: its share of the disputed amount, taken back while the dispute is open (a
 * reversal of a made transfer, or less to transfer when it was not made yet) and paid again if the platform wins.
 */
export const disputeAllocations = mysqlTable(
  'dispute_allocations',
  {
    tenantId: tenantIdColumn(),
    id: ulidKey().primaryKey(),
    disputeId: ulidKey('dispute_id').notNull(),
    transferId: ulidKey('transfer_id').notNull(),
    buyerOrderId: orderId('buyer_order_id').notNull(),
    sellerOrderId: orderId('seller_order_id').notNull(),
    amount: money('amount').notNull(),
    currency: currencyCode().notNull(),
    /** reversal: the transfer was made and is reversed; shrunk: the share still to transfer was reduced. */
    mode: mysqlEnum('mode', ['reversal', 'shrunk']).notNull(),
    status: mysqlEnum('status', ['held', 'returned', 'lost']).notNull(),
    returnTransferId: providerRef('return_transfer_id'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [unique('uq_dispute_allocations').on(t.disputeId, t.transferId)],
);
export type DisputeAllocationRow = typeof disputeAllocations.$inferSelect;
