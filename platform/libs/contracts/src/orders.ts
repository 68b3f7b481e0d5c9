import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/**
 * Events of the orders service: one topic for the buyer order aggregate, keyed by buyer order id so that a
 * checkout's events stay in order. `order.*` carry envelope tenantId null (a buyer order spans sellers);
 * `seller-order.*` carry the seller's tenant. Amounts are integer minor units.
 */
export const ORDER_TOPIC = 'orders.order.v1';

const id = z.string().min(1).max(64);
const tenantId = z.string().min(1).max(36);
const amount = z.number().int().min(0);
const currency = z.string().regex(/^[A-Z]{3}$/);
const timestamp = z.iso.datetime({ offset: false });

/** What a seller order holds: enough for the cart to drop bought lines and for sellers' notifications. */
const sellerOrderSummary = z.object({
  sellerOrderId: id,
  tenantId,
  subtotal: amount,
  lines: z
    .array(
      z.object({
        productId: id,
        sku: z.string().min(1).max(64),
        quantity: z.number().int().min(1),
        unitPrice: amount,
      }),
    )
    .min(1),
});

/** A buyer checked out: stock is reserved, payment is pending. */
export const OrderPlaced = defineEvent({
  topic: ORDER_TOPIC,
  type: 'order.placed',
  version: 1,
  payload: z.object({
    buyerOrderId: id,
    buyerId: z.string().min(1),
    total: amount,
    currency,
    sellerOrders: z.array(sellerOrderSummary).min(1),
    placedAt: timestamp,
  }),
});

/** The payment succeeded: reservations are confirmed and every seller order is paid (ready to fulfil). */
export const OrderPaid = defineEvent({
  topic: ORDER_TOPIC,
  type: 'order.paid',
  version: 1,
  payload: z.object({
    buyerOrderId: id,
    buyerId: z.string().min(1),
    total: amount,
    currency,
    sellerOrders: z.array(sellerOrderSummary).min(1),
    paidAt: timestamp,
  }),
});

/** The checkout failed (out of stock, payment declined, timed out): reservations are released. */
export const OrderCancelled = defineEvent({
  topic: ORDER_TOPIC,
  type: 'order.cancelled',
  version: 1,
  payload: z.object({
    buyerOrderId: id,
    buyerId: z.string().min(1),
    reason: z.string().min(1),
    cancelledAt: timestamp,
  }),
});

/** A seller moved its seller order on (fulfilled, shipped with tracking, delivered). */
export const SellerOrderStatusChanged = defineEvent({
  topic: ORDER_TOPIC,
  type: 'seller-order.status-changed',
  version: 1,
  payload: z.object({
    buyerOrderId: id,
    sellerOrderId: id,
    tenantId,
    from: z.string().min(1),
    to: z.string().min(1),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    changedAt: timestamp,
  }),
});

/** A seller shipped its seller order; carries the tracking the buyer sees. */
export const SellerOrderShipped = defineEvent({
  topic: ORDER_TOPIC,
  type: 'seller-order.shipped',
  version: 1,
  payload: z.object({
    buyerOrderId: id,
    sellerOrderId: id,
    tenantId,
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1),
    /** The carrier's tracking page (https); absent from events of before it existed. */
    trackingUrl: z.string().url().nullable().optional(),
    shippedAt: timestamp,
  }),
});

export const ORDER_EVENTS = [
  OrderPlaced,
  OrderPaid,
  OrderCancelled,
  SellerOrderStatusChanged,
  SellerOrderShipped,
] as const;
