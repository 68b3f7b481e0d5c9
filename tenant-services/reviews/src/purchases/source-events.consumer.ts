import {
  mediaDeletedV1,
  mediaReadyV1,
  mediaRejectedV1,
  OrderPaid,
  SellerOrderStatusChanged,
} from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions, type EventsLogger } from '@marketplace/events';
import type { PurchasesRepository } from './purchases.repository';

/** Media events of other purposes (product images, most of the topic) are not the service's. */
const reviewPhotos = {
  only: ({ payload }: { payload: { purpose: string } }) => payload.purpose === 'REVIEW_PHOTO',
};

/**
 * What makes a review possible, learned from the services that know it (never from the client):
 * - `order.paid` names the buyer and, per seller order, the seller and the products and SKUs bought;
 * - `seller-order.status-changed` to `delivered` (same topic and key, so after the payment) opens the seller
 *   order for reviews;
 * - `media.ready` of a `REVIEW_PHOTO` names the buyer who uploaded it; `media.deleted` withdraws it.
 * The other status changes and the other media (most of both topics) are skipped before any database round trip.
 */
export function sourceEventsConsumer(
  options: EventConsumerOptions<undefined>,
  purchases: PurchasesRepository,
  logger: EventsLogger,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>(options)
    .handle(OrderPaid, async ({ payload }) => {
      const paidAt = new Date(payload.paidAt);
      for (const sellerOrder of payload.sellerOrders) {
        await purchases.recordPaid({
          _id: sellerOrder.sellerOrderId,
          tenantId: sellerOrder.tenantId,
          buyerId: payload.buyerId,
          buyerOrderId: payload.buyerOrderId,
          lines: sellerOrder.lines.map((line) => ({ productId: line.productId, sku: line.sku })),
          paidAt,
          deliveredAt: null,
        });
      }
    })
    .handle(
      SellerOrderStatusChanged,
      async ({ payload }) => {
        const known = await purchases.markDelivered(
          payload.sellerOrderId,
          payload.tenantId,
          new Date(payload.changedAt),
        );
        if (!known) {
          logger.warn(
            { sellerOrderId: payload.sellerOrderId, tenantId: payload.tenantId },
            'a seller order was delivered that this service never saw paid; its products cannot be reviewed',
          );
        }
      },
      { only: ({ payload }) => payload.to === 'delivered' },
    )
    .handle(
      mediaReadyV1,
      async ({ payload }) => {
        if (payload.buyerId)
          await purchases.recordPhoto({
            _id: payload.mediaId,
            buyerId: payload.buyerId,
            readyAt: new Date(),
          });
      },
      reviewPhotos,
    )
    .handle(mediaRejectedV1, async ({ payload }) => purchases.forgetPhoto(payload.mediaId), reviewPhotos)
    .handle(mediaDeletedV1, async ({ payload }) => purchases.forgetPhoto(payload.mediaId), reviewPhotos);
}
