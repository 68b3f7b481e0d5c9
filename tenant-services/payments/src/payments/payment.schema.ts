import { PAYMENT_STATUSES } from '@marketplace/contracts';
import { index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { currencyCode, money, orderId, providerRef, timestamp, ulidKey } from '../database/columns';

/** One payment (one provider PaymentIntent) per buyer order. Buyer data: no tenant. */
export const payments = mysqlTable(
  'payments',
  {
    id: ulidKey().primaryKey(),
    buyerOrderId: orderId('buyer_order_id').notNull().unique('uq_payments_buyer_order'),
    idempotencyKey: varchar('idempotency_key', { length: 191 })
      .notNull()
      .unique('uq_payments_idempotency_key'),
    provider: varchar('provider', { length: 16 }).notNull(),
    intentId: providerRef('intent_id').notNull().unique('uq_payments_intent'),
    clientSecret: varchar('client_secret', { length: 255 }),
    amount: money('amount').notNull(),
    currency: currencyCode().notNull(),
    status: mysqlEnum('status', PAYMENT_STATUSES).notNull(),
    failureReason: varchar('failure_reason', { length: 500 }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('idx_payments_status').on(t.status, t.createdAt)],
);

export type PaymentRow = typeof payments.$inferSelect;

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/**
 * A refund to the buyer. `pending` rows count against the refundable amount, so two concurrent refunds cannot
 * together exceed what was paid; a refund the provider refused becomes `failed` and stops counting.
 */
export const refunds = mysqlTable(
  'refunds',
  {
    id: ulidKey().primaryKey(),
    idempotencyKey: varchar('idempotency_key', { length: 191 })
      .notNull()
      .unique('uq_refunds_idempotency_key'),
    paymentId: ulidKey('payment_id').notNull(),
    buyerOrderId: orderId('buyer_order_id').notNull(),
    sellerOrderId: orderId('seller_order_id'),
    amount: money('amount').notNull(),
    currency: currencyCode().notNull(),
    status: mysqlEnum('status', REFUND_STATUSES).notNull(),
    providerRefundId: providerRef('provider_refund_id'),
    failureReason: varchar('failure_reason', { length: 500 }),
    /**
     * When the provider reported the money back with the buyer (`refund.succeeded` raised then); null while the
     * provider still has it pending. `status: succeeded` only means the provider accepted the refund.
     */
    succeededAt: timestamp('succeeded_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('idx_refunds_payment').on(t.paymentId),
    index('idx_refunds_seller_order').on(t.sellerOrderId),
  ],
);

export type RefundRow = typeof refunds.$inferSelect;
