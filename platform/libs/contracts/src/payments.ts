import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/**
 * Events of the payments service: one topic for the payment of a buyer order, keyed by buyer order id so that
 * a checkout's payment, transfers and refunds stay in order. Amounts are integer minor units.
 * `payment.*` carry envelope tenantId null (a buyer payment spans sellers); `transfer.created` carries the seller.
 */
export const PAYMENT_TOPIC = 'payments.payment.v1';

const id = z.string().min(1).max(64);
const amount = z.number().int().min(0);
const currency = z.string().regex(/^[A-Z]{3}$/);
const timestamp = z.iso.datetime({ offset: false });

/** The buyer's payment for a buyer order succeeded: the saga may confirm reservations and seller orders. */
export const PaymentSucceeded = defineEvent({
  topic: PAYMENT_TOPIC,
  type: 'payment.succeeded',
  version: 1,
  payload: z.object({
    paymentId: id,
    buyerOrderId: id,
    intentId: id,
    amount,
    currency,
    succeededAt: timestamp,
  }),
});

/** The buyer's payment failed (declined, or the intent could not be confirmed): the saga releases everything. */
export const PaymentFailed = defineEvent({
  topic: PAYMENT_TOPIC,
  type: 'payment.failed',
  version: 1,
  payload: z.object({
    paymentId: id,
    buyerOrderId: id,
    intentId: id,
    amount,
    currency,
    reason: z.string().min(1),
    failedAt: timestamp,
  }),
});

/** The platform transferred a seller's share (subtotal − commission) for one seller order. */
export const TransferCreated = defineEvent({
  topic: PAYMENT_TOPIC,
  type: 'transfer.created',
  version: 1,
  payload: z.object({
    transferId: id,
    buyerOrderId: id,
    sellerOrderId: id,
    tenantId: z.string().min(1).max(36),
    subtotal: amount,
    commission: amount,
    amount,
    currency,
    providerTransferId: id,
    createdAt: timestamp,
  }),
});

/** Money went back to the buyer, for one seller order or (before settlement) for the whole buyer order. */
export const RefundCreated = defineEvent({
  topic: PAYMENT_TOPIC,
  type: 'refund.created',
  version: 1,
  payload: z.object({
    refundId: id,
    buyerOrderId: id,
    sellerOrderId: id.nullable(),
    amount,
    currency,
    providerRefundId: id,
    createdAt: timestamp,
  }),
});

/**
 * The refunded money reached the buyer: the provider reports the refund succeeded (at once for most card refunds,
 * later through its `refund.updated` webhook for refunds it first keeps pending). Follows `refund.created`.
 */
export const RefundSucceeded = defineEvent({
  topic: PAYMENT_TOPIC,
  type: 'refund.succeeded',
  version: 1,
  payload: z.object({
    refundId: id,
    buyerOrderId: id,
    sellerOrderId: id.nullable(),
    amount,
    currency,
    providerRefundId: id,
    succeededAt: timestamp,
  }),
});

/**
 * A buyer disputed the checkout's charge, or the dispute ended; one event per seller order sharing it (tenantId =
 * seller). `amount` is the seller's share taken back while open (ADR 0023 in the payments service).
 */
export const SellerOrderDisputed = defineEvent({
  topic: PAYMENT_TOPIC,
  type: 'seller-order.disputed',
  version: 1,
  payload: z.object({
    disputeId: id,
    buyerOrderId: id,
    sellerOrderId: id,
    tenantId: z.string().min(1).max(36),
    amount,
    currency,
    status: z.enum(['open', 'won', 'lost']),
    reason: z.string().min(1),
    changedAt: timestamp,
  }),
});

export const PAYMENT_EVENTS = [
  PaymentSucceeded,
  PaymentFailed,
  TransferCreated,
  RefundCreated,
  RefundSucceeded,
  SellerOrderDisputed,
] as const;

/**
 * Payouts of a seller's connected account to its bank (made by the provider on the account's payout schedule),
 * keyed by the provider's payout id; envelope tenantId = the seller.
 */
export const PAYOUT_TOPIC = 'payments.payout.v1';

const payoutFields = {
  payoutId: id.describe("The provider's payout id (po_…)."),
  tenantId: z.string().min(1).max(36),
  amount,
  currency,
  /** The day the bank is expected to credit the money (UTC date). */
  arrivalDate: z.iso.date(),
};

/** The seller's bank received a payout. */
export const PayoutPaid = defineEvent({
  topic: PAYOUT_TOPIC,
  type: 'payout.paid',
  version: 1,
  payload: z.object({ ...payoutFields, paidAt: timestamp }),
});

/** A payout to the seller's bank failed (closed account, wrong details); the money stays on the account. */
export const PayoutFailed = defineEvent({
  topic: PAYOUT_TOPIC,
  type: 'payout.failed',
  version: 1,
  payload: z.object({
    ...payoutFields,
    failureCode: z.string().min(1).max(100).nullable(),
    failureMessage: z.string().max(500).nullable(),
    failedAt: timestamp,
  }),
});

export const PAYOUT_EVENTS = [PayoutPaid, PayoutFailed] as const;
