import { PaymentFailed, PaymentSucceeded } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { CheckoutSaga } from './checkout-saga';

/**
 * Payment outcomes that arrive asynchronously (Stripe confirms in the browser, webhooks tell payments):
 * the saga steps are idempotent, so a payment the checkout already handled synchronously changes nothing.
 */
export function paymentEventsConsumer(options: EventConsumerOptions, saga: CheckoutSaga): EventConsumer {
  return new EventConsumer(options)
    .handle(PaymentSucceeded, async ({ payload }) => {
      if (await saga.knows(payload.buyerOrderId)) await saga.paymentSucceeded(payload.buyerOrderId);
    })
    .handle(PaymentFailed, async ({ payload }) => {
      if (await saga.knows(payload.buyerOrderId))
        await saga.cancel(payload.buyerOrderId, `Payment failed: ${payload.reason}`);
    });
}
