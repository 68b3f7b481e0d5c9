import { tenantIdColumn } from '@marketplace/tenancy';
import { index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { currencyCode, jsonDocument, money, timestamp, ulidKey } from '../database/columns';

export const SELLER_ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'fulfilled',
  'shipped',
  'delivered',
  'cancelled',
  'partially_refunded',
  'refunded',
] as const;
export type SellerOrderStatus = (typeof SELLER_ORDER_STATUSES)[number];

/** The buyer order's status is derived from its seller orders (see derivedBuyerStatus). */
export type BuyerOrderStatus = SellerOrderStatus;

/**
 * Where the checkout saga stands; persisted so that a crash mid-way resumes (sweeper):
 * reserving → awaiting_payment → settling → completed, or (reserving | awaiting_payment) → compensating → compensated,
 * or settling → refunding → refunded (paid after the reservation expired and the stock is gone).
 * A step that keeps failing parks the saga in needs_attention (stalled_state says where) for an admin.
 */
export const SAGA_STATES = [
  'reserving',
  'awaiting_payment',
  'settling',
  'completed',
  'compensating',
  'compensated',
  'refunding',
  'refunded',
  'needs_attention',
] as const;
export type SagaState = (typeof SAGA_STATES)[number];

/** States the sweeper drives on; every other state is terminal (or needs_attention, which waits for an admin). */
export const OPEN_SAGA_STATES = [
  'reserving',
  'awaiting_payment',
  'settling',
  'compensating',
  'refunding',
] as const satisfies readonly SagaState[];

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  postalCode: string;
  city: string;
  region?: string | undefined;
  country: string;
  phone?: string | undefined;
}

/** The buyer's order: owned by the buyer, spans sellers. */
export const buyerOrders = mysqlTable(
  'buyer_orders',
  {
    id: ulidKey().primaryKey(),
    buyerId: varchar('buyer_id', { length: 36 }).notNull(),
    status: varchar('status', { length: 32 }).$type<BuyerOrderStatus>().notNull(),
    currency: currencyCode().notNull(),
    total: money('total').notNull(),
    idempotencyKey: varchar('idempotency_key', { length: 191 }).notNull(),
    shippingAddress: jsonDocument<ShippingAddress>('shipping_address').notNull(),
    sagaState: varchar('saga_state', { length: 32 }).$type<SagaState>().notNull(),
    sagaDeadline: timestamp('saga_deadline').notNull(),
    failureReason: varchar('failure_reason', { length: 1000 }),
    /** Inventory reservation holding the stock: the buyer order id, or a later one taken after it expired. */
    reservationId: varchar('reservation_id', { length: 64 }),
    /** Sweeper steps of this saga that failed in a row; the next one waits until next_sweep_at (backoff). */
    sweepAttempts: int('sweep_attempts').notNull().default(0),
    nextSweepAt: timestamp('next_sweep_at'),
    lastError: varchar('last_error', { length: 1000 }),
    /** The state a saga in needs_attention stalled in (an admin retry resumes from it). */
    stalledState: varchar('stalled_state', { length: 32 }).$type<SagaState>(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('buyer_orders_buyer_key').on(table.buyerId, table.idempotencyKey),
    index('buyer_orders_buyer_created').on(table.buyerId, table.createdAt, table.id),
    index('buyer_orders_saga').on(table.sagaState, table.sagaDeadline),
    index('buyer_orders_sweep').on(table.sagaState, table.sweepAttempts, table.nextSweepAt),
    index('buyer_orders_created').on(table.createdAt, table.id),
  ],
);
export type BuyerOrderRow = typeof buyerOrders.$inferSelect;

/** One seller's share of a buyer order: tenant-owned (tenant_id; accessed through tenant-scoped repositories). */
export const sellerOrders = mysqlTable(
  'seller_orders',
  {
    tenantId: tenantIdColumn(),
    id: ulidKey().primaryKey(),
    buyerOrderId: ulidKey('buyer_order_id').notNull(),
    status: varchar('status', { length: 32 }).$type<SellerOrderStatus>().notNull(),
    currency: currencyCode().notNull(),
    subtotal: money('subtotal').notNull(),
    /** Effective rate of the seller order (its commission over its subtotal), for display. */
    commissionBps: int('commission_bps').notNull(),
    /** Sum of the lines' frozen commissions: what settlement keeps. */
    commission: money('commission').notNull().default(0),
    /** The latest chargeback on this seller order: open, won or lost (null: none). */
    disputeStatus: varchar('dispute_status', { length: 8 }).$type<'open' | 'won' | 'lost'>(),
    /** Refunded to the buyer so far (payments' refund.created events), minor units. */
    refundedAmount: money('refunded_amount').notNull().default(0),
    carrier: varchar('carrier', { length: 64 }),
    trackingNumber: varchar('tracking_number', { length: 128 }),
    /** The carrier's tracking page (https), shown to the buyer as a link. */
    trackingUrl: varchar('tracking_url', { length: 2048 }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [
    index('seller_orders_tenant_created').on(table.tenantId, table.createdAt, table.id),
    index('seller_orders_buyer_order').on(table.buyerOrderId),
  ],
);
export type SellerOrderRow = typeof sellerOrders.$inferSelect;

export const orderLines = mysqlTable(
  'order_lines',
  {
    tenantId: tenantIdColumn(),
    id: ulidKey().primaryKey(),
    sellerOrderId: ulidKey('seller_order_id').notNull(),
    productId: varchar('product_id', { length: 64 }).notNull(),
    sku: varchar('sku', { length: 64 }).notNull(),
    title: varchar('title', { length: 255 }).notNull(),
    categoryId: varchar('category_id', { length: 64 }),
    quantity: int('quantity').notNull(),
    unitPrice: money('unit_price').notNull(),
    currency: currencyCode().notNull(),
    /** The commission rule's rate and the line's commission, frozen at sale time (ADR 0019). */
    commissionBps: int('commission_bps').notNull().default(0),
    commission: money('commission').notNull().default(0),
  },
  (table) => [index('order_lines_seller_order').on(table.tenantId, table.sellerOrderId)],
);
export type OrderLineRow = typeof orderLines.$inferSelect;

/** Every status change of a buyer or seller order, with who made it and why. */
export const orderStatusHistory = mysqlTable(
  'order_status_history',
  {
    id: ulidKey().primaryKey(),
    orderId: ulidKey('order_id').notNull(),
    fromStatus: varchar('from_status', { length: 32 }),
    toStatus: varchar('to_status', { length: 32 }).notNull(),
    actor: varchar('actor', { length: 64 }).notNull(),
    reason: varchar('reason', { length: 1000 }),
    at: timestamp('at').notNull(),
  },
  (table) => [index('order_status_history_order').on(table.orderId, table.at)],
);
