import {
  OrderCancelled,
  OrderPaid,
  OrderPlaced,
  productCreatedV1,
  productArchivedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  PayoutFailed,
  PayoutPaid,
  RefundCreated,
  RefundSucceeded,
  ReviewPublished,
  SellerOrderShipped,
  StockLow,
  type ProductSnapshot,
} from '@marketplace/contracts';
import type { EventEnvelopeOf } from '@marketplace/events';
import type { MySqlDb } from '@marketplace/tenancy';
import { orderRouteRecords } from '../delivery/delivery.repository';
import type { WebhookEventDraft } from './webhook-event';

/**
 * How the platform's domain events become webhook events. Buyer-order events span sellers (envelope tenant null):
 * each seller gets its own event about its seller order.
 */
export type Translate<D> = (event: EventEnvelopeOf<D>, tx: MySqlDb) => Promise<WebhookEventDraft[]>;

const productData = (product: ProductSnapshot) => ({
  id: product.productId,
  slug: product.slug,
  title: product.title,
  status: product.status,
  moderation: product.moderation,
  categoryId: product.categoryId,
  currency: product.currency,
  variants: product.variants,
});

const productTranslation =
  (topic: 'product.created' | 'product.updated') =>
  async (event: { payload: ProductSnapshot; occurredAt: string }): Promise<WebhookEventDraft[]> => [
    {
      tenantId: event.payload.tenantId,
      topic,
      resourceKey: `product:${event.payload.productId}`,
      occurredAt: event.occurredAt,
      data: productData(event.payload),
    },
  ];

type SellerOrderSummary = EventEnvelopeOf<typeof OrderPlaced>['payload']['sellerOrders'][number];

const sellerOrderData = (buyerOrderId: string, currency: string, order: SellerOrderSummary) => ({
  id: order.sellerOrderId,
  buyerOrderId,
  subtotal: order.subtotal,
  currency,
  lines: order.lines,
});

export const translateProductCreated: Translate<typeof productCreatedV1> =
  productTranslation('product.created');
/** Edits, publishing and archiving are all changes of the product a seller's systems mirror. */
export const translateProductUpdated: Translate<typeof productUpdatedV1> =
  productTranslation('product.updated');
export const translateProductPublished: Translate<typeof productPublishedV1> =
  productTranslation('product.updated');
export const translateProductArchived: Translate<typeof productArchivedV1> =
  productTranslation('product.updated');

export const translateProductRemoved: Translate<typeof productRemovedV1> = async (event) => [
  {
    tenantId: event.payload.tenantId,
    topic: 'product.deleted',
    resourceKey: `product:${event.payload.productId}`,
    occurredAt: event.occurredAt,
    data: { ...productData(event.payload), reason: event.payload.reason },
  },
];

export const translateStockLow: Translate<typeof StockLow> = async (event) => [
  {
    tenantId: event.payload.tenantId,
    topic: 'stock.low',
    resourceKey: `sku:${event.payload.sku}`,
    occurredAt: event.occurredAt,
    data: { sku: event.payload.sku, available: event.payload.available, threshold: event.payload.threshold },
  },
];

export const translateOrderPlaced: Translate<typeof OrderPlaced> = async (event, tx) => {
  const { buyerOrderId, currency, sellerOrders, placedAt } = event.payload;
  await orderRouteRecords(tx).remember(buyerOrderId, sellerOrders);
  return sellerOrders.map((order) => ({
    tenantId: order.tenantId,
    topic: 'order.created',
    resourceKey: `order:${order.sellerOrderId}`,
    occurredAt: event.occurredAt,
    data: { ...sellerOrderData(buyerOrderId, currency, order), status: 'pending_payment', placedAt },
  }));
};

export const translateOrderPaid: Translate<typeof OrderPaid> = async (event, tx) => {
  const { buyerOrderId, currency, sellerOrders, paidAt } = event.payload;
  await orderRouteRecords(tx).remember(buyerOrderId, sellerOrders);
  return sellerOrders.map((order) => ({
    tenantId: order.tenantId,
    topic: 'order.paid',
    resourceKey: `order:${order.sellerOrderId}`,
    occurredAt: event.occurredAt,
    data: { ...sellerOrderData(buyerOrderId, currency, order), status: 'paid', paidAt },
  }));
};

export const translateOrderCancelled: Translate<typeof OrderCancelled> = async (event, tx) => {
  const routes = await orderRouteRecords(tx).ofBuyerOrder(event.payload.buyerOrderId);
  return routes.map((route) => ({
    tenantId: route.sellerTenantId,
    topic: 'order.cancelled',
    resourceKey: `order:${route.sellerOrderId}`,
    occurredAt: event.occurredAt,
    data: {
      id: route.sellerOrderId,
      buyerOrderId: event.payload.buyerOrderId,
      status: 'cancelled',
      reason: event.payload.reason,
      cancelledAt: event.payload.cancelledAt,
    },
  }));
};

export const translateOrderShipped: Translate<typeof SellerOrderShipped> = async (event) => [
  {
    tenantId: event.payload.tenantId,
    topic: 'order.shipped',
    resourceKey: `order:${event.payload.sellerOrderId}`,
    occurredAt: event.occurredAt,
    data: {
      id: event.payload.sellerOrderId,
      buyerOrderId: event.payload.buyerOrderId,
      status: 'shipped',
      carrier: event.payload.carrier,
      trackingNumber: event.payload.trackingNumber,
      trackingUrl: event.payload.trackingUrl ?? null,
      shippedAt: event.payload.shippedAt,
    },
  },
];

/**
 * A refund of one seller order goes to its seller; a whole-order refund (before settlement) to every seller. Keyed
 * by the seller order, so a refund's `refund.created` and `refund.succeeded` follow the order's earlier events.
 */
async function refundEvents(
  tx: MySqlDb,
  topic: 'refund.created' | 'refund.succeeded',
  occurredAt: string,
  refund: {
    refundId: string;
    buyerOrderId: string;
    sellerOrderId: string | null;
    amount: number;
    currency: string;
  },
  at: Record<string, string>,
): Promise<WebhookEventDraft[]> {
  const { refundId, buyerOrderId, sellerOrderId, amount, currency } = refund;
  const routes =
    sellerOrderId === null
      ? await orderRouteRecords(tx).ofBuyerOrder(buyerOrderId)
      : await orderRouteRecords(tx).ofSellerOrder(sellerOrderId);
  return routes.map((route) => ({
    tenantId: route.sellerTenantId,
    topic,
    resourceKey: `order:${route.sellerOrderId}`,
    occurredAt,
    data: {
      id: refundId,
      orderId: route.sellerOrderId,
      buyerOrderId,
      wholeOrder: sellerOrderId === null,
      amount,
      currency,
      ...at,
    },
  }));
}

export const translateRefundCreated: Translate<typeof RefundCreated> = (event, tx) =>
  refundEvents(tx, 'refund.created', event.occurredAt, event.payload, { createdAt: event.payload.createdAt });

/** The refunded money reached the buyer. */
export const translateRefundSucceeded: Translate<typeof RefundSucceeded> = (event, tx) =>
  refundEvents(tx, 'refund.succeeded', event.occurredAt, event.payload, {
    succeededAt: event.payload.succeededAt,
  });

/** A payout of the seller's connected account reached its bank, or failed; one resource per payout. */
const payoutEvent = (
  event: EventEnvelopeOf<typeof PayoutPaid> | EventEnvelopeOf<typeof PayoutFailed>,
  topic: 'payout.paid' | 'payout.failed',
  data: Record<string, unknown>,
): WebhookEventDraft[] => [
  {
    tenantId: event.payload.tenantId,
    topic,
    resourceKey: `payout:${event.payload.payoutId}`,
    occurredAt: event.occurredAt,
    data: {
      id: event.payload.payoutId,
      amount: event.payload.amount,
      currency: event.payload.currency,
      arrivalDate: event.payload.arrivalDate,
      ...data,
    },
  },
];

export const translatePayoutPaid: Translate<typeof PayoutPaid> = async (event) =>
  payoutEvent(event, 'payout.paid', { status: 'paid', paidAt: event.payload.paidAt });

export const translatePayoutFailed: Translate<typeof PayoutFailed> = async (event) =>
  payoutEvent(event, 'payout.failed', {
    status: 'failed',
    failureCode: event.payload.failureCode,
    failureMessage: event.payload.failureMessage,
    failedAt: event.payload.failedAt,
  });

/** A verified buyer's review of one of the seller's products went live (reviews are never held back). */
export const translateReviewPublished: Translate<typeof ReviewPublished> = async (event) => [
  {
    tenantId: event.payload.tenantId,
    topic: 'review.created',
    resourceKey: `review:${event.payload.reviewId}`,
    occurredAt: event.occurredAt,
    data: {
      id: event.payload.reviewId,
      productId: event.payload.productId,
      orderId: event.payload.sellerOrderId,
      rating: event.payload.rating,
      createdAt: event.payload.at,
    },
  },
];
