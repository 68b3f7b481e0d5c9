import { z } from 'zod';

/**
 * The payments service's internal saga API (REST, `marketplace-services` tokens only) that the checkout saga
 * (orders) calls: one payment per buyer order, its confirmation, settlement per seller order, refunds. Payments
 * parses the requests with these schemas, the saga's client parses the answers with them.
 */
export const PAYMENTS_INTERNAL_PATH = '/internal/payments';

export const PAYMENT_STATUSES = ['requires_payment', 'succeeded', 'failed', 'refunded'] as const;

const orderId = z.string().min(1).max(64);
const minorUnits = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const idempotencyKey = z.string().min(8).max(191);

/** The buyer order id in the path of every operation on a payment. */
export const buyerOrderIdSchema = orderId;

/**
 * `POST /internal/payments`. `confirm`: also confirm it server-side in the same call (as
 * `POST /internal/payments/:buyerOrderId/confirm` does) and answer the outcome.
 */
export const createPaymentRequestSchema = z.object({
  buyerOrderId: orderId,
  amount: minorUnits,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in upper case'),
  idempotencyKey,
  confirm: z.boolean().optional(),
});
export type CreatePaymentRequest = z.output<typeof createPaymentRequestSchema>;

/** `POST /internal/payments/:buyerOrderId/settle`: one transfer per seller order, commission kept. */
export const settleRequestSchema = z.object({
  sellerOrders: z
    .array(
      z
        .object({
          sellerOrderId: orderId,
          tenantId: z.string().min(1).max(36),
          /** Zero for a seller order of free lines only: settled without a transfer (ADR 0015). */
          subtotal: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          commissionBps: z.number().int().min(0).max(10_000),
          /** The commission decided per line at sale time (orders); without it, commissionBps of the subtotal. */
          commission: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        })
        .refine((order) => (order.commission ?? 0) <= order.subtotal, {
          message: 'the commission must not exceed the subtotal',
          path: ['commission'],
        }),
    )
    .min(1)
    .max(100)
    .refine(
      (orders) => new Set(orders.map((order) => order.sellerOrderId)).size === orders.length,
      'seller orders must be distinct',
    ),
});
export type SettleRequest = z.output<typeof settleRequestSchema>;

/** `POST /internal/payments/:buyerOrderId/refunds`: the whole order, or one seller order's share. */
export const refundRequestSchema = z.object({
  sellerOrderId: orderId.optional(),
  amount: minorUnits,
  idempotencyKey,
});
export type RefundRequest = z.output<typeof refundRequestSchema>;

/** The payment as create and confirm answer it (and `GET /internal/payments/:buyerOrderId` under `payment`). */
export const paymentViewSchema = z.object({
  id: z.string(),
  buyerOrderId: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  /** Which provider holds the intent: `stripe` payments are confirmed by the buyer's browser (Stripe.js). */
  provider: z.enum(['stripe', 'test']),
  clientSecret: z.string().nullable(),
  /** The Stripe publishable key the browser confirms with (public by design); null for the test provider. */
  publishableKey: z.string().nullable(),
  /** Why the provider declined: the last declined attempt while the payment is still open, or the final refusal. */
  failureReason: z.string().nullable(),
});
export type PaymentView = z.output<typeof paymentViewSchema>;

/** A refund as `POST /internal/payments/:buyerOrderId/refunds` answers it (under `refund`). */
export const refundViewSchema = z.object({ id: z.string(), status: z.string() });
export type RefundView = z.output<typeof refundViewSchema>;
