import {
  OrderCancelled,
  OrderPaid,
  OrderPlaced,
  RefundCreated,
  ReviewPublished,
  SellerOrderShipped,
  SellerOrderStatusChanged,
  StockChanged,
  StockLow,
  TenantRegistered,
  TenantStaffInvited,
  WebhookEndpointDisabled,
} from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions, repeatableHandlers } from '@marketplace/events';
import { directoryRecords } from '../directory/directory.repository';
import { ADMINS_AUDIENCE, tenantAudience, userAudience } from '../feed/audience';
import { stockChannel } from '../live/channels';
import { formatMoney, templates } from '../mail/templates';
import type { Notifier } from './notifier';

/**
 * Everything the notifications service learns from other services' events. Live events go to the buyer's
 * (`user:`), the seller's (`tenant:`), the admins' and the public stock channels; feed entries and mail only
 * for what a person should be told. A new group starts at the latest offset: a first deployment must not mail
 * the whole history.
 */
export function notificationEventsConsumer(
  options: Omit<EventConsumerOptions, 'startFrom'>,
  notifier: Notifier,
): EventConsumer {
  const orderPage = (buyerOrderId: string) => notifier.storefront(`/account/orders/${buyerOrderId}`);
  const sellerOrderPage = (sellerOrderId: string) => notifier.sellerPortal(`/orders/${sellerOrderId}`);

  return new EventConsumer({ ...options, startFrom: 'latest' })
    .handle(OrderPlaced, async ({ payload }, { tx }) => {
      await directoryRecords(tx).rememberOrder(
        payload.buyerOrderId,
        payload.buyerId,
        new Date(payload.placedAt),
      );
      await notifier.publish(userAudience(payload.buyerId), {
        type: 'order.status',
        data: { buyerOrderId: payload.buyerOrderId, status: 'placed' },
      });
    })
    .handle(OrderPaid, async (event, { tx }) => {
      const { payload } = event;
      await directoryRecords(tx).rememberOrder(
        payload.buyerOrderId,
        payload.buyerId,
        new Date(payload.paidAt),
      );
      const url = orderPage(payload.buyerOrderId);
      await notifier.feed(tx, event, [
        {
          audience: userAudience(payload.buyerId),
          kind: 'order.confirmed',
          title: 'Order confirmed',
          body: `Your payment of ${formatMoney(payload.total, payload.currency)} was received.`,
          link: url,
        },
        ...payload.sellerOrders.map((order) => ({
          audience: tenantAudience(order.tenantId),
          kind: 'order.new',
          title: 'New order',
          body: `${order.lines.reduce((units, line) => units + line.quantity, 0)} unit(s), ${formatMoney(order.subtotal, payload.currency)}`,
          link: sellerOrderPage(order.sellerOrderId),
        })),
      ]);
      await notifier.mailUser(
        tx,
        event,
        payload.buyerId,
        'order-confirmation',
        templates.orderConfirmation({
          buyerOrderId: payload.buyerOrderId,
          total: payload.total,
          currency: payload.currency,
          url,
        }),
      );
      for (const order of payload.sellerOrders) {
        await notifier.mailSeller(tx, event, order.tenantId, 'new-order', (sellerName) =>
          templates.newOrder({
            sellerName,
            sellerOrderId: order.sellerOrderId,
            subtotal: order.subtotal,
            currency: payload.currency,
            units: order.lines.reduce((units, line) => units + line.quantity, 0),
            url: sellerOrderPage(order.sellerOrderId),
          }),
        );
        await notifier.publish(tenantAudience(order.tenantId), {
          type: 'order.new',
          data: {
            sellerOrderId: order.sellerOrderId,
            buyerOrderId: payload.buyerOrderId,
            subtotal: order.subtotal,
            currency: payload.currency,
          },
        });
      }
      await notifier.publish(userAudience(payload.buyerId), {
        type: 'order.status',
        data: { buyerOrderId: payload.buyerOrderId, status: 'paid' },
      });
    })
    .handle(OrderCancelled, async (event, { tx }) => {
      const { payload } = event;
      await notifier.feed(tx, event, [
        {
          audience: userAudience(payload.buyerId),
          kind: 'order.cancelled',
          title: 'Order cancelled',
          body: payload.reason,
          link: orderPage(payload.buyerOrderId),
        },
      ]);
      await notifier.publish(userAudience(payload.buyerId), {
        type: 'order.status',
        data: { buyerOrderId: payload.buyerOrderId, status: 'cancelled' },
      });
    })
    .handle(SellerOrderStatusChanged, async ({ payload }, { tx }) => {
      const data = {
        buyerOrderId: payload.buyerOrderId,
        sellerOrderId: payload.sellerOrderId,
        status: payload.to,
        carrier: payload.carrier,
        trackingNumber: payload.trackingNumber,
      };
      const buyerId = await directoryRecords(tx).buyerOf(payload.buyerOrderId);
      if (buyerId) await notifier.publish(userAudience(buyerId), { type: 'seller-order.status', data });
      await notifier.publish(tenantAudience(payload.tenantId), { type: 'seller-order.status', data });
    })
    .handle(SellerOrderShipped, async (event, { tx }) => {
      const { payload } = event;
      const buyerId = await directoryRecords(tx).buyerOf(payload.buyerOrderId);
      if (!buyerId) return;
      const url = orderPage(payload.buyerOrderId);
      await notifier.feed(tx, event, [
        {
          audience: userAudience(buyerId),
          kind: 'order.shipped',
          title: 'Your order has shipped',
          body: `${payload.carrier}, tracking number ${payload.trackingNumber}`,
          link: url,
        },
      ]);
      await notifier.mailUser(
        tx,
        event,
        buyerId,
        'order-shipped',
        templates.orderShipped({
          buyerOrderId: payload.buyerOrderId,
          carrier: payload.carrier,
          trackingNumber: payload.trackingNumber,
          url,
        }),
      );
      await notifier.publish(userAudience(buyerId), {
        type: 'seller-order.status',
        data: {
          buyerOrderId: payload.buyerOrderId,
          sellerOrderId: payload.sellerOrderId,
          status: 'shipped',
          carrier: payload.carrier,
          trackingNumber: payload.trackingNumber,
        },
      });
    })
    .handle(RefundCreated, async (event, { tx }) => {
      const { payload } = event;
      const buyerId = await directoryRecords(tx).buyerOf(payload.buyerOrderId);
      if (!buyerId) return;
      const url = orderPage(payload.buyerOrderId);
      await notifier.feed(tx, event, [
        {
          audience: userAudience(buyerId),
          kind: 'refund.decided',
          title: 'Refund issued',
          body: `${formatMoney(payload.amount, payload.currency)} go back to your payment method.`,
          link: url,
        },
      ]);
      await notifier.mailUser(
        tx,
        event,
        buyerId,
        'refund-decided',
        templates.refundDecided({
          buyerOrderId: payload.buyerOrderId,
          amount: payload.amount,
          currency: payload.currency,
          url,
        }),
      );
      await notifier.publish(userAudience(buyerId), {
        type: 'refund',
        data: {
          buyerOrderId: payload.buyerOrderId,
          sellerOrderId: payload.sellerOrderId,
          amount: payload.amount,
          currency: payload.currency,
        },
      });
    })
    .handle(StockLow, async (event, { tx }) => {
      const { payload } = event;
      const url = notifier.sellerPortal(`/inventory?sku=${encodeURIComponent(payload.sku)}`);
      await notifier.feed(tx, event, [
        {
          audience: tenantAudience(payload.tenantId),
          kind: 'stock.low',
          title: `Low stock: ${payload.sku}`,
          body: `${payload.available} left (threshold ${payload.threshold})`,
          link: url,
        },
      ]);
      await notifier.mailSeller(tx, event, payload.tenantId, 'low-stock', () =>
        templates.lowStock({
          sku: payload.sku,
          available: payload.available,
          threshold: payload.threshold,
          url,
        }),
      );
      await notifier.publish(tenantAudience(payload.tenantId), {
        type: 'stock.low',
        data: { sku: payload.sku, available: payload.available, threshold: payload.threshold },
      });
    })
    .handle(ReviewPublished, async (event, { tx }) => {
      const { payload } = event;
      const stars = `${payload.rating} star${payload.rating === 1 ? '' : 's'}`;
      await notifier.feed(tx, event, [
        {
          audience: tenantAudience(payload.tenantId),
          kind: 'review.new',
          title: 'New review',
          body: `A buyer rated a product ${stars}.`,
          link: notifier.sellerPortal(`/products/${payload.productId}`),
        },
      ]);
      await notifier.publish(tenantAudience(payload.tenantId), {
        type: 'review.new',
        data: { reviewId: payload.reviewId, productId: payload.productId, rating: payload.rating },
      });
    })
    .handle(WebhookEndpointDisabled, async (event, { tx }) => {
      const { payload } = event;
      // Only the owner (and API clients) manage webhooks, so the entry is the owner's, not every member's.
      const seller = await directoryRecords(tx).seller(payload.tenantId);
      if (!seller) return;
      const url = notifier.sellerPortal('/developers');
      const failingSince = new Date(payload.failingSince);
      // An endpoint URL may be 2048 characters, twice what an entry's body holds.
      const shownUrl = payload.url.length > 200 ? `${payload.url.slice(0, 199)}…` : payload.url;
      await notifier.feed(tx, event, [
        {
          audience: userAudience(seller.ownerUserId),
          kind: 'webhook-endpoint.disabled',
          title: 'Webhook endpoint disabled',
          body: `${shownUrl} kept failing since ${failingSince.toISOString().slice(0, 10)}; enable it again once it answers.`,
          link: url,
        },
      ]);
      await notifier.mailSeller(tx, event, payload.tenantId, 'webhook-endpoint-disabled', (sellerName) =>
        templates.webhookEndpointDisabled({
          sellerName,
          endpointUrl: payload.url,
          failingSince,
          lastResponseStatus: payload.lastResponseStatus,
          url,
        }),
      );
      await notifier.publish(userAudience(seller.ownerUserId), {
        type: 'webhook-endpoint.disabled',
        data: { endpointId: payload.endpointId, url: payload.url },
      });
    })
    .handle(TenantStaffInvited, async (event, { tx }) => {
      const { payload } = event;
      // The portal's accept page (seller-portal `invitations/accept`); the token travels in the query because the
      // sign-in redirect keeps the query and uses the fragment itself.
      const url = new URL(notifier.sellerPortal('/invitations/accept'));
      url.searchParams.set('token', notifier.openInvitationToken(payload.acceptTokenSealed));
      await notifier.mailAddress(
        tx,
        event,
        payload.email,
        'staff-invitation',
        templates.staffInvitation({
          sellerName: payload.tenantName,
          expiresAt: new Date(payload.expiresAt),
          url: url.toString(),
        }),
        payload.tenantId,
      );
    })
    .handle(TenantRegistered, async (event, { tx }) => {
      const { payload } = event;
      await directoryRecords(tx).rememberSeller({
        tenantId: payload.tenantId,
        name: payload.name,
        contactEmail: payload.contactEmail,
        ownerUserId: payload.ownerUserId,
      });
      if (payload.status !== 'pending') return;
      const url = notifier.adminPortal(`/sellers/${payload.tenantId}`);
      await notifier.feed(tx, event, [
        {
          audience: ADMINS_AUDIENCE,
          kind: 'seller.applied',
          title: 'New seller application',
          body: `${payload.name} (${payload.contactEmail}) applied to sell.`,
          link: url,
        },
      ]);
      await notifier.publish(ADMINS_AUDIENCE, {
        type: 'seller.applied',
        data: { tenantId: payload.tenantId, name: payload.name },
      });
    });
}

/**
 * Stock reports only go live (no feed, no mail) and carry absolute units, so a repeat changes nothing: they
 * need no processed-event record, and a consumer group of their own keeps product pages current while the main
 * group works through orders and mail.
 */
export function stockEventsConsumer(
  options: Omit<EventConsumerOptions<undefined>, 'startFrom' | 'processedEvents' | 'db'>,
  notifier: Notifier,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>({
    ...options,
    processedEvents: repeatableHandlers,
    startFrom: 'latest',
  }).handle(StockChanged, async ({ payload }) => {
    await notifier.publish(stockChannel(payload.tenantId, payload.sku), {
      type: 'stock',
      data: { sku: payload.sku, available: payload.available },
    });
  });
}
