import { tenantIdColumn } from '@marketplace/tenancy';
import { index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { currencyCode, jsonDocument, money, timestamp, ulidKey } from '../database/columns';

/**
 * requested (by the buyer) → refunding (accepted by the seller, refund asked of payments) → refunded, or
 * requested → declined (with the seller's reason). A refund the payments service refused goes back to requested
 * with the error, so the seller can decide again.
 */
export const REFUND_REQUEST_STATUSES = ['requested', 'refunding', 'refunded', 'declined'] as const;
export type RefundRequestStatus = (typeof REFUND_REQUEST_STATUSES)[number];

export interface RequestedLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** A buyer's return/refund request of lines of one seller order: tenant-owned (the seller decides). */
export const refundRequests = mysqlTable(
  'refund_requests',
  {
    tenantId: tenantIdColumn(),
    id: ulidKey().primaryKey(),
    buyerOrderId: ulidKey('buyer_order_id').notNull(),
    sellerOrderId: ulidKey('seller_order_id').notNull(),
    buyerId: varchar('buyer_id', { length: 36 }).notNull(),
    idempotencyKey: varchar('idempotency_key', { length: 191 }).notNull(),
    lines: jsonDocument<RequestedLine[]>('lines').notNull(),
    /** What the requested lines cost: the most the seller can accept. */
    requestedAmount: money('requested_amount').notNull(),
    acceptedAmount: money('accepted_amount'),
    currency: currencyCode().notNull(),
    reason: varchar('reason', { length: 1000 }).notNull(),
    status: varchar('status', { length: 16 }).$type<RefundRequestStatus>().notNull(),
    decisionReason: varchar('decision_reason', { length: 1000 }),
    decidedBy: varchar('decided_by', { length: 36 }),
    refundId: varchar('refund_id', { length: 64 }),
    lastError: varchar('last_error', { length: 1000 }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('refund_requests_buyer_key').on(table.buyerId, table.idempotencyKey),
    index('refund_requests_tenant_created').on(table.tenantId, table.createdAt, table.id),
    index('refund_requests_seller_order').on(table.sellerOrderId),
    index('refund_requests_buyer_created').on(table.buyerId, table.createdAt, table.id),
  ],
);
export type RefundRequestRow = typeof refundRequests.$inferSelect;
