import { tenantIdColumn } from '@marketplace/tenancy';
import { index, int, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { currencyCode, money, orderId, providerRef, timestamp, ulidKey } from '../database/columns';

/**
 * pending: not yet accepted by the provider (the call failed); the sweeper retries.
 * held: the seller may not receive money yet (no payout account with the transfers capability active, or the
 * tenant is not approved or is suspended); released when that changes (ADR 0016).
 * not_required: nothing to transfer (a zero subtotal or share, ADR 0015).
 */
export const TRANSFER_STATUSES = ['pending', 'held', 'created', 'not_required'] as const;
export const REVERSAL_STATUSES = ['none', 'pending', 'failed', 'succeeded'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export type ReversalStatus = (typeof REVERSAL_STATUSES)[number];

/** One transfer per seller order: the seller's share (subtotal − commission) of the buyer's payment. */
export const transfers = mysqlTable(
  'transfers',
  {
    tenantId: tenantIdColumn(),
    id: ulidKey().primaryKey(),
    paymentId: ulidKey('payment_id').notNull(),
    buyerOrderId: orderId('buyer_order_id').notNull(),
    sellerOrderId: orderId('seller_order_id').notNull().unique('uq_transfers_seller_order'),
    subtotal: money('subtotal').notNull(),
    commissionBps: int('commission_bps', { unsigned: true }).notNull(),
    commission: money('commission').notNull(),
    amount: money('amount').notNull(),
    currency: currencyCode().notNull(),
    status: mysqlEnum('status', TRANSFER_STATUSES).notNull(),
    providerTransferId: providerRef('provider_transfer_id'),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    lastError: text('last_error'),
    /** Status of the latest reversal (none until a refund of this seller order). */
    reversalStatus: mysqlEnum('reversal_status', REVERSAL_STATUSES).notNull().default('none'),
    reversedAmount: money('reversed_amount').notNull().default(0),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('idx_transfers_buyer_order').on(t.buyerOrderId),
    index('idx_transfers_tenant_created').on(t.tenantId, t.createdAt, t.id),
    index('idx_transfers_status').on(t.status),
  ],
);

export type TransferRow = typeof transfers.$inferSelect;

/** Taking a seller's share back after a refund; can fail when the seller's balance is short, then retried. */
export const transferReversals = mysqlTable(
  'transfer_reversals',
  {
    tenantId: tenantIdColumn(),
    id: ulidKey().primaryKey(),
    /** The refund (or the dispute allocation, ADR 0023) whose share is taken back. */
    refundId: ulidKey('refund_id').unique('uq_transfer_reversals_refund'),
    disputeAllocationId: ulidKey('dispute_allocation_id').unique('uq_transfer_reversals_dispute'),
    transferId: ulidKey('transfer_id').notNull(),
    amount: money('amount').notNull(),
    currency: currencyCode().notNull(),
    status: mysqlEnum('status', ['pending', 'failed', 'succeeded']).notNull(),
    providerReversalId: providerRef('provider_reversal_id'),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    lastError: varchar('last_error', { length: 1000 }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('idx_transfer_reversals_status').on(t.status, t.updatedAt)],
);

export type TransferReversalRow = typeof transferReversals.$inferSelect;
