import { PaymentFailed, PaymentSucceeded, RefundCreated, SellerOrderDisputed } from '@marketplace/contracts';
import {
  type AnyEventDefinition,
  type BatchItem,
  EventConsumer,
  type EventConsumerOptions,
  type EventEnvelopeOf,
  type MySqlDb,
} from '@marketplace/events';
import { runWithContext } from '@marketplace/tenancy';
import type { BuyerOrderRow } from '../orders/order.schema';
import type { RefundRequestsService } from '../refunds/refund-requests.service';
import type { CheckoutSaga } from './checkout-saga';

/** The buyer order a payment outcome names, undefined for one this database does not hold (another environment's). */
type OrderOf = (buyerOrderId: string) => Promise<BuyerOrderRow | undefined>;

/**
 * Payment outcomes that arrive asynchronously (Stripe confirms in the browser, webhooks tell payments):
 * the saga steps are idempotent, so a payment the checkout already handled synchronously changes nothing.
 * With `batch`, the events that arrived together are recorded as processed in one transaction and the buyer orders
 * their outcomes name are read at once (ADR 0070); a failing batch falls back to the handlers of one event each.
 */
export function paymentEventsConsumer(
  options: EventConsumerOptions,
  saga: CheckoutSaga,
  refunds: RefundRequestsService,
): EventConsumer {
  const handlers = paymentEventHandlers(saga, refunds);
  const oneByOne: OrderOf = (buyerOrderId) => saga.find(buyerOrderId);
  const consumer = new EventConsumer(options)
    .handle(PaymentSucceeded, (event) => handlers.succeeded(event, oneByOne))
    .handle(PaymentFailed, (event) => handlers.failed(event, oneByOne))
    .handle(RefundCreated, (event, { tx }) => handlers.refunded(event, tx), {
      // Refunds of one seller order; whole-order refunds are the saga's own and change nothing here.
      only: ({ payload }) => payload.sellerOrderId !== null,
    })
    .handle(SellerOrderDisputed, (event, { tx }) => handlers.disputed(event, tx));
  if (options.batch)
    consumer.handleBatch(async (items, tx) => {
      const orderOf = batchOrders(saga, items);
      // In offset order, each in its event's tenant and trace context, as one at a time.
      for (const { event, definition } of items)
        await runWithContext({ tenantId: event.tenantId ?? undefined, traceId: event.traceId }, () =>
          handlers.dispatch(definition, event, tx, orderOf),
        );
    });
  return consumer;
}

function paymentEventHandlers(saga: CheckoutSaga, refunds: RefundRequestsService) {
  const handlers = {
    async succeeded({ payload }: EventEnvelopeOf<typeof PaymentSucceeded>, orderOf: OrderOf) {
      const order = await orderOf(payload.buyerOrderId);
      if (order) await saga.paymentSucceeded(order);
    },
    async failed({ payload }: EventEnvelopeOf<typeof PaymentFailed>, orderOf: OrderOf) {
      const order = await orderOf(payload.buyerOrderId);
      if (order) await saga.cancel(order, `Payment failed: ${payload.reason}`);
    },
    async refunded({ payload }: EventEnvelopeOf<typeof RefundCreated>, tx: MySqlDb) {
      if (payload.sellerOrderId)
        await refunds.applyRefund(tx, payload.sellerOrderId, payload.amount, new Date(payload.createdAt));
    },
    async disputed({ payload }: EventEnvelopeOf<typeof SellerOrderDisputed>, tx: MySqlDb) {
      await refunds.flagDispute(
        tx,
        payload.sellerOrderId,
        payload.status,
        payload.reason,
        new Date(payload.changedAt),
      );
    },
    /** One event of a batch: the consumer parsed it against `definition`, so its payload is that definition's. */
    async dispatch(
      definition: AnyEventDefinition,
      event: EventEnvelopeOf<AnyEventDefinition>,
      tx: MySqlDb,
      orderOf: OrderOf,
    ): Promise<void> {
      if (definition === PaymentSucceeded)
        return handlers.succeeded(event as EventEnvelopeOf<typeof PaymentSucceeded>, orderOf);
      if (definition === PaymentFailed)
        return handlers.failed(event as EventEnvelopeOf<typeof PaymentFailed>, orderOf);
      if (definition === RefundCreated)
        return handlers.refunded(event as EventEnvelopeOf<typeof RefundCreated>, tx);
      if (definition === SellerOrderDisputed)
        return handlers.disputed(event as EventEnvelopeOf<typeof SellerOrderDisputed>, tx);
    },
  };
  return handlers;
}

/**
 * The buyer orders the batch's payment outcomes name, read in one query on first use. Each is handed out once:
 * the saga step it goes to may move the order on, so a later outcome of the same order in the batch reads it again.
 */
function batchOrders(saga: CheckoutSaga, items: BatchItem[]): OrderOf {
  let read: Promise<Map<string, BuyerOrderRow | undefined>> | undefined;
  const named = () => {
    const ids = new Set<string>();
    for (const { definition, event } of items)
      if (definition === PaymentSucceeded || definition === PaymentFailed)
        ids.add((event.payload as { buyerOrderId: string }).buyerOrderId);
    return saga.findMany([...ids]).then((rows) => {
      const orders = new Map<string, BuyerOrderRow | undefined>([...ids].map((id) => [id, undefined]));
      for (const row of rows) orders.set(row.id, row);
      return orders;
    });
  };
  return async (buyerOrderId) => {
    read ??= named();
    const orders = await read;
    if (!orders.has(buyerOrderId)) return saga.find(buyerOrderId);
    const order = orders.get(buyerOrderId);
    orders.delete(buyerOrderId);
    return order;
  };
}
