/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { PaymentFailed, PaymentSucceeded, TenantCommissionChanged } from '@marketplace/contracts';
import {
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  type TestUser,
  waitFor,
} from '@marketplace/testing';
import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import {
  line,
  MY_ORDER,
  SELLER_ORDER,
  onboardSeller,
  startCheckoutStack,
  stockUp,
  STOCK_LEVELS,
  type CheckoutStack,
} from './support';

/**
 * The asynchronous side of the saga: payment outcomes arriving as Kafka events, the sweeper cancelling a checkout
 * past its deadline, and commission rates taken from tenant events.
 */
describe('orders: payment events, saga timeout, commission projection', () => {
  let stack: CheckoutStack;
  let seller: TestTenant;

  beforeAll(async () => {
    stack = await startCheckoutStack({
      CONFIRM_PAYMENT_ON_CHECKOUT: 'false',
      CHECKOUT_TIMEOUT_SECONDS: '60',
    });
    seller = await createTestTenant();
    await onboardSeller(stack, seller.owner.token);
  });
  afterAll(() => stack.close());

  function stock(onHand: number): Promise<string> {
    return stockUp(stack, seller.owner.token, onHand);
  }

  async function level(sku: string) {
    const answer = await stack.inventoryGql(STOCK_LEVELS, { sku }, seller.owner.token);
    return answer.data!.stockLevels.nodes[0] as { onHand: number; reserved: number; available: number };
  }

  async function placeAwaitingPayment(buyer: TestUser, sku: string, quantity: number, unitPrice: number) {
    await stack.fillCart(buyer.token, [line(seller, sku, quantity, unitPrice)]);
    const answer = await stack.checkout(buyer.token);
    expect(answer.errors).toBeUndefined();
    return answer.data!.checkout;
  }

  it('completes the checkout when payment.succeeded arrives from Kafka: paid, stock confirmed, sellers settled', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(5);
    const order = await placeAwaitingPayment(buyer, sku, 2, 2_000);
    expect(order.status).toBe('pending_payment');
    expect(order.paymentClientSecret).toEqual(expect.stringContaining('_secret_'));
    // The built-in provider has no browser key: the storefront keeps its server-confirmed path.
    expect(order).toMatchObject({ paymentProvider: 'test', paymentPublishableKey: null });
    expect(order.sellerOrders.map((s: any) => s.status)).toEqual(['pending_payment']);
    expect(await level(sku)).toEqual({ onHand: 5, reserved: 2, available: 3 });

    // What the browser (Stripe.js) and the provider's webhook do in production: the payment succeeds at payments.
    expect((await stack.payments('POST', `/internal/payments/${order.id}/confirm`)).body.status).toBe(
      'succeeded',
    );

    const paid = await waitFor('the order to be paid', async () => {
      const seen = (await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder;
      return seen.status === 'paid' && seen;
    });
    expect(paid.sellerOrders.map((s: any) => s.status)).toEqual(['paid']);
    const ledger = await waitFor('the seller transfer in the ledger', async () => {
      const entries = (await stack.payments('GET', `/internal/payments/${order.id}`)).body.ledger as any[];
      return entries.some((entry) => entry.kind === 'transfer') && entries;
    });
    expect(ledger.filter((entry) => entry.kind === 'transfer').map((entry) => entry.amount)).toEqual([3_600]);
    expect(await level(sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });

  it('cancels a checkout not paid before its deadline and releases the stock (sweeper)', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(4);
    const order = await placeAwaitingPayment(buyer, sku, 3, 1_000);
    expect(await level(sku)).toEqual({ onHand: 4, reserved: 3, available: 1 });

    await stack.orders.sweeper.sweep(new Date());
    expect((await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder.status).toBe(
      'pending_payment',
    );

    await stack.orders.sweeper.sweep(new Date(Date.now() + 61_000));
    const cancelled = (await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder;
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      failureReason: 'Checkout timed out before payment',
    });
    expect(await level(sku)).toEqual({ onHand: 4, reserved: 0, available: 4 });
    expect(
      await stack.count(
        sql`select count(*) as n from buyer_orders where id = ${order.id} and saga_state = 'compensated'`,
      ),
    ).toBe(1);
  });

  async function sagaState(buyerOrderId: string): Promise<string> {
    const [rows] = await stack.orders.db.db.execute(
      sql`select saga_state from buyer_orders where id = ${buyerOrderId}`,
    );
    return (rows as unknown as { saga_state: string }[])[0]!.saga_state;
  }

  it('takes over a checkout interrupted before its reservation was recorded: reserves once, then waits for payment', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(4);
    const order = await placeAwaitingPayment(buyer, sku, 3, 1_000);
    // What an outage between inventory's answer and the order's next write leaves (fault suite): the stock reserved
    // at inventory, the order still reserving, its order.placed never written.
    await stack.orders.db.db.execute(
      sql`update buyer_orders set saga_state = 'reserving' where id = ${order.id}`,
    );
    await stack.orders.db.db.execute(sql`delete from outbox where message_key = ${order.id}`);

    // A request may still be at it: the sweeper leaves a recent step alone.
    await stack.orders.sweeper.sweep(new Date());
    expect(await sagaState(order.id)).toBe('reserving');

    await stack.orders.sweeper.sweep(new Date(Date.now() + 31_000));
    expect(await sagaState(order.id)).toBe('awaiting_payment');
    expect(await level(sku)).toEqual({ onHand: 4, reserved: 3, available: 1 });
    expect((await stack.outboxEvents(order.id)).map((event) => event.type)).toEqual(['order.placed']);
  });

  it('confirms again a server-confirmed payment whose confirmation was interrupted, charging once', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(3);
    // Placed while confirmations are the browser's: the payment exists, unconfirmed, as when the server's own
    // confirmation call (built-in provider, CONFIRM_PAYMENT_ON_CHECKOUT) was cut by an outage.
    const order = await placeAwaitingPayment(buyer, sku, 2, 1_000);
    const config = stack.orders.config as { CONFIRM_PAYMENT_ON_CHECKOUT: boolean };
    config.CONFIRM_PAYMENT_ON_CHECKOUT = true;
    try {
      await stack.orders.sweeper.sweep(new Date());
      expect(await sagaState(order.id)).toBe('awaiting_payment');

      await stack.orders.sweeper.sweep(new Date(Date.now() + 31_000));
      const paid = (await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder;
      expect(paid.status).toBe('paid');
      await stack.orders.sweeper.sweep(new Date(Date.now() + 62_000));
      const ledger = (await stack.payments('GET', `/internal/payments/${order.id}`)).body.ledger as any[];
      expect(ledger.filter((entry) => entry.kind === 'charge')).toHaveLength(1);
      expect(await level(sku)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    } finally {
      config.CONFIRM_PAYMENT_ON_CHECKOUT = false;
    }
  });

  it("splits with the tenant's commission from tenant.commission-changed events", async () => {
    const producer = new Producer({
      clientId: `orders-test-${ulid()}`,
      bootstrapBrokers: stack.orders.config.KAFKA_BROKERS,
      serializers: stringSerializers,
      acks: ProduceAcks.ALL,
    });
    const event = TenantCommissionChanged.create(
      {
        tenantId: seller.tenantId,
        previousCommissionBps: 1_000,
        commissionBps: 1_500,
        changedBy: null,
        changedAt: new Date().toISOString(),
      },
      { tenantId: seller.tenantId },
    );
    await producer.send({
      messages: [{ topic: event.topic, key: seller.tenantId, value: JSON.stringify(event.envelope) }],
    });
    await producer.close();
    await waitFor(
      'the commission change projected',
      async () =>
        (await stack.count(
          sql`select count(*) as n from tenant_commissions where tenant_id = ${seller.tenantId} and commission_bps = 1500`,
        )) === 1,
    );

    const buyer = await createTestBuyer();
    const sku = await stock(2);
    const order = await placeAwaitingPayment(buyer, sku, 1, 10_000);
    const sellerOrderId = order.sellerOrders[0].id;
    await stack.payments('POST', `/internal/payments/${order.id}/confirm`);
    const seen = await waitFor('the seller order to be paid', async () => {
      const view = (await stack.gql(SELLER_ORDER, { id: sellerOrderId }, seller.owner.token)).data!
        .sellerOrder;
      return view.status === 'paid' && view;
    });
    expect(seen.commissionBps).toBe(1_500);
    const ledger = await waitFor('the seller transfer in the ledger', async () => {
      const entries = (await stack.payments('GET', `/internal/payments/${order.id}`)).body.ledger as any[];
      return entries.some((entry) => entry.kind === 'transfer') && entries;
    });
    expect(ledger.filter((entry) => entry.kind === 'transfer').map((entry) => entry.amount)).toEqual([8_500]);
  });

  it('acts once on payment outcomes that arrive together: a redelivered payment.succeeded and a payment.failed after it change nothing', async () => {
    const sku = await stock(4);
    const buyers = [await createTestBuyer(), await createTestBuyer()];
    const orders = [];
    for (const buyer of buyers) orders.push(await placeAwaitingPayment(buyer, sku, 1, 1_000));
    // The payments succeed at payments, which publishes its own payment.succeeded for each as well.
    for (const order of orders)
      expect((await stack.payments('POST', `/internal/payments/${order.id}/confirm`)).body.status).toBe(
        'succeeded',
      );
    const succeeded = orders.map((order) =>
      PaymentSucceeded.create(
        {
          paymentId: `pay-${order.id}`,
          buyerOrderId: order.id,
          intentId: `pi-${order.id}`,
          amount: 1_000,
          currency: 'EUR',
          succeededAt: new Date().toISOString(),
        },
        { tenantId: null },
      ),
    );
    const failed = orders.map((order) =>
      PaymentFailed.create(
        {
          paymentId: `pay-${order.id}`,
          buyerOrderId: order.id,
          intentId: `pi-${order.id}`,
          amount: 1_000,
          currency: 'EUR',
          reason: 'card_declined',
          failedAt: new Date().toISOString(),
        },
        { tenantId: null },
      ),
    );
    const producer = new Producer({
      clientId: `orders-test-${ulid()}`,
      bootstrapBrokers: stack.orders.config.KAFKA_BROKERS,
      serializers: stringSerializers,
      acks: ProduceAcks.ALL,
    });
    const send = (events: { topic: string; envelope: { payload: { buyerOrderId: string } } }[]) =>
      producer.send({
        messages: events.map(({ topic, envelope }) => ({
          topic,
          key: envelope.payload.buyerOrderId,
          value: JSON.stringify(envelope),
        })),
      });
    const processed = (eventId: string) =>
      stack.count(sql`select count(*) as n from processed_events where event_id = ${eventId}`);
    try {
      // The first order's event twice in one send, then the other's: handled together when they arrive together.
      await send([succeeded[0]!, succeeded[0]!, succeeded[1]!]);
      await waitFor('both events processed', async () => (await processed(succeeded[1]!.envelope.id)) === 1);
      // Redelivered (same event ids), with a payment.failed of each order behind them, arriving together.
      await send([succeeded[0]!, failed[0]!, succeeded[1]!, failed[1]!]);
      await waitFor('the late failures processed', async () =>
        (await Promise.all(failed.map((event) => processed(event.envelope.id)))).every((n) => n === 1),
      );
    } finally {
      await producer.close();
    }

    for (const [index, order] of orders.entries()) {
      const seen = await waitFor('the order completed', async () => {
        const view = (await stack.gql(MY_ORDER, { id: order.id }, buyers[index]!.token)).data!.myOrder;
        return (await sagaState(order.id)) === 'completed' && view;
      });
      expect(seen).toMatchObject({ status: 'paid', failureReason: null });
      expect(await processed(succeeded[index]!.envelope.id)).toBe(1);
      // Paid once: one history entry per order into paid, one charge, one transfer.
      expect(
        await stack.count(
          sql`select count(*) as n from order_status_history where order_id = ${order.id} and to_status = 'paid'`,
        ),
      ).toBe(1);
      const ledger = (await stack.payments('GET', `/internal/payments/${order.id}`)).body.ledger as any[];
      expect(ledger.filter((entry) => entry.kind === 'charge')).toHaveLength(1);
      expect(ledger.filter((entry) => entry.kind === 'transfer')).toHaveLength(1);
      expect(ledger.filter((entry) => entry.kind === 'refund')).toEqual([]);
    }
    expect(await level(sku)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });
});
