import { PaymentFailed, PaymentSucceeded, RefundCreated, SellerOrderDisputed } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { RefundRequestsService } from '../refunds/refund-requests.service';
import type { CheckoutSaga } from './checkout-saga';

/**
 * Payment outcomes that arrive asynchronously (Stripe confirms in the browser, webhooks tell payments):
 * the saga steps are idempotent, so a payment the checkout already handled synchronously changes nothing.
 */
export function paymentEventsConsumer(
  options: EventConsumerOptions,
  saga: CheckoutSaga,
  refunds: RefundRequestsService,
): EventConsumer {
  return (
    new EventConsumer(options)
      .handle(PaymentSucceeded, async ({ payload }) => {
        const order = await saga.find(payload.buyerOrderId);
        if (order) await saga.paymentSucceeded(order);
      })
      .handle(PaymentFailed, async ({ payload }) => {
        const order = await saga.find(payload.buyerOrderId);
        if (order) await saga.cancel(order, `Payment failed: ${payload.reason}`);
      })
      // Refunds of one seller order (whole-order refunds are the saga's own and change nothing here).
      .handle(RefundCreated, async ({ payload }, { tx }) => {
        if (payload.sellerOrderId) {
          await refunds.applyRefund(tx, payload.sellerOrderId, payload.amount, new Date(payload.createdAt));
        }
      })
      .handle(SellerOrderDisputed, async ({ payload }, { tx }) => {
        await refunds.flagDispute(
          tx,
          payload.sellerOrderId,
          payload.status,
          payload.reason,
          new Date(payload.changedAt),
        );
      })
  );
}
