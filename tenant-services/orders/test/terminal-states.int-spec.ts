/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { buyerOrders } from '../src/orders/order.schema';
import {
  ADDRESS,
  line,
  MY_ORDER,
  onboardSeller,
  startCheckoutStack,
  STOCK_LEVELS,
  type CheckoutLine,
  type CheckoutStack,
  stockUp,
} from './support';

const ATTENTION = `query($first: Int) {
  checkoutsNeedingAttention(first: $first) { nodes { id sagaState stalledState lastError sweepAttempts } pageInfo { hasNextPage } }
}`;
const RETRY = `mutation($id: ID!, $reason: String!) { retryCheckout(id: $id, reason: $reason) { id sagaState stalledState sweepAttempts lastError } }`;

/**
 * Every checkout ends in a terminal state or in a visible needs_attention state (ADR 0015): zero-priced lines, a
 * payment after the reservation expired (stock taken again, or refunded), a payment after cancellation, and a
 * sweeper that 150 stuck checkouts cannot starve. Real payments (test provider), inventory and cart services,
 * MariaDB, Kafka, Keycloak.
 */
describe('orders: no stuck checkouts', () => {
  let stack: CheckoutStack;
  let sellerA: TestTenant;
  let sellerB: TestTenant;

  beforeAll(async () => {
    stack = await startCheckoutStack({
      CONFIRM_PAYMENT_ON_CHECKOUT: 'false',
      CHECKOUT_TIMEOUT_SECONDS: '60',
      SAGA_MAX_ATTEMPTS: '3',
    });
    [sellerA, sellerB] = await Promise.all([createTestTenant(), createTestTenant()]);
    for (const seller of [sellerA, sellerB]) await onboardSeller(stack, seller.owner.token);
  });
  afterAll(() => stack.close());

  const stock = (seller: TestTenant, onHand: number, sku?: string) =>
    stockUp(stack, seller.owner.token, onHand, sku);

  async function level(seller: TestTenant, sku: string) {
    const answer = await stack.inventoryGql(STOCK_LEVELS, { sku }, seller.owner.token);
    return answer.data!.stockLevels.nodes[0] as { onHand: number; reserved: number; available: number };
  }

  async function placeAwaitingPayment(buyer: TestUser, lines: CheckoutLine[]) {
    await stack.fillCart(buyer.token, lines);
    const answer = await stack.checkout(buyer.token);
    expect(answer.errors).toBeUndefined();
    return answer.data!.checkout as { id: string; sellerOrders: { id: string; tenantId: string }[] };
  }

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const until = Date.now() + 30_000;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > until) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const sagaOf = async (buyerOrderId: string) => {
    const [row] = await stack.orders.db.db
      .select()
      .from(buyerOrders)
      .where(sql`${buyerOrders.id} = ${buyerOrderId}`);
    return row!;
  };
  const myOrder = async (buyer: TestUser, id: string) =>
    (await stack.gql(MY_ORDER, { id }, buyer.token)).data!.myOrder;
  const payNow = async (buyerOrderId: string) =>
    expect((await stack.payments('POST', `/internal/payments/${buyerOrderId}/confirm`)).body.status).toBe(
      'succeeded',
    );

  it('completes a checkout with a seller order of free lines only: that seller gets no transfer', async () => {
    const buyer = await createTestBuyer();
    const [paidSku, freeSku] = [await stock(sellerA, 3), await stock(sellerB, 3)];
    const order = await placeAwaitingPayment(buyer, [
      line(sellerA, paidSku, 1, 2_000),
      line(sellerB, freeSku, 1, 0),
    ]);
    await payNow(order.id);

    const done = await eventually(
      () => sagaOf(order.id),
      (row) => row.sagaState === 'completed',
    );
    expect(done.sagaState).toBe('completed');
    expect((await myOrder(buyer, order.id)).sellerOrders.map((s: any) => s.status)).toEqual(['paid', 'paid']);
    const { ledger } = (await stack.payments('GET', `/internal/payments/${order.id}`)).body as {
      ledger: any[];
    };
    expect(ledger.filter((entry) => entry.kind === 'transfer')).toEqual([
      expect.objectContaining({ amount: 1_800, tenantId: sellerA.tenantId }),
    ]);
    expect(await level(sellerB, freeSku)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it('takes the stock again when the payment arrives after the reservation expired', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 5);
    const order = await placeAwaitingPayment(buyer, [line(sellerA, sku, 2, 1_500)]);
    // What inventory's expiry does to a reservation the saga let run out.
    expect((await stack.inventory('POST', `/internal/v1/reservations/${order.id}/release`)).status).toBe(200);
    expect(await level(sellerA, sku)).toEqual({ onHand: 5, reserved: 0, available: 5 });

    await payNow(order.id);
    const done = await eventually(
      () => sagaOf(order.id),
      (row) => row.sagaState === 'completed',
    );
    expect(done).toMatchObject({ sagaState: 'completed', reservationId: `${order.id}-r1` });
    expect((await myOrder(buyer, order.id)).status).toBe('paid');
    expect(await level(sellerA, sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });

  it('refunds a payment that arrives after the reservation expired and the stock is gone, and tells the buyer', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 2);
    const order = await placeAwaitingPayment(buyer, [line(sellerA, sku, 2, 1_700)]);
    expect((await stack.inventory('POST', `/internal/v1/reservations/${order.id}/release`)).status).toBe(200);
    await stock(sellerA, 1, sku);

    await payNow(order.id);
    const done = await eventually(
      () => sagaOf(order.id),
      (row) => row.sagaState === 'refunded',
    );
    expect(done.sagaState).toBe('refunded');
    const seen = await myOrder(buyer, order.id);
    expect(seen).toMatchObject({
      status: 'refunded',
      failureReason: expect.stringMatching(/no longer in stock; it was refunded/),
    });
    expect(seen.sellerOrders.map((s: any) => s.status)).toEqual(['refunded']);
    const payment = (await stack.payments('GET', `/internal/payments/${order.id}`)).body;
    expect(payment.payment.status).toBe('refunded');
    expect(payment.ledger.filter((entry: any) => entry.kind === 'refund')).toEqual([
      expect.objectContaining({ amount: 3_400 }),
    ]);
    expect((await stack.outboxEvents(order.id)).map((event) => event.type)).toEqual([
      'order.placed',
      'order.paid',
      'order.cancelled',
    ]);
    expect(await level(sellerA, sku)).toEqual({ onHand: 1, reserved: 0, available: 1 });
  });

  it('refunds a payment that arrives after the checkout was cancelled, visibly', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 2);
    const order = await placeAwaitingPayment(buyer, [line(sellerA, sku, 1, 900)]);
    await stack.orders.sweeper.sweep(new Date(Date.now() + 61_000));
    expect((await sagaOf(order.id)).sagaState).toBe('compensated');

    await payNow(order.id);
    const seen = await eventually(
      () => myOrder(buyer, order.id),
      (view) => view.status === 'refunded',
    );
    expect(seen).toMatchObject({
      status: 'refunded',
      failureReason: expect.stringMatching(/after the checkout was cancelled/),
    });
    expect((await stack.payments('GET', `/internal/payments/${order.id}`)).body.payment.status).toBe(
      'refunded',
    );
    expect((await sagaOf(order.id)).sagaState).toBe('compensated');
  });

  it('150 stuck checkouts neither starve a new one nor stay open: they back off, then wait for an admin', async () => {
    const start = Date.now();
    const stuck = Array.from({ length: 150 }, (_, i) => ({
      id: ulid(),
      buyerId: `stuck-${ulid()}`,
      status: 'paid' as const,
      currency: 'EUR',
      total: 1_000,
      idempotencyKey: `stuck-${ulid()}`,
      shippingAddress: ADDRESS,
      // Paid, but nothing downstream knows them: every settlement step is refused.
      sagaState: 'settling' as const,
      sagaDeadline: new Date(start - 3_600_000 + i),
      failureReason: null,
      createdAt: new Date(start - 3_600_000),
      updatedAt: new Date(start - 3_600_000),
    }));
    await stack.orders.db.db.insert(buyerOrders).values(stuck);
    const openStuck = () =>
      stack.count(
        sql`select count(*) as n from buyer_orders where buyer_id like 'stuck-%' and saga_state = 'settling'`,
      );

    expect(await stack.orders.sweeper.sweep(new Date(start))).toBe(100);

    // A new checkout that times out: the sweeper must reach it although 150 older checkouts are stuck.
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 2);
    const order = await placeAwaitingPayment(buyer, [line(sellerA, sku, 2, 1_100)]);
    await stack.orders.sweeper.sweep(new Date(Date.now() + 61_000));
    expect((await sagaOf(order.id)).sagaState).toBe('compensated');
    expect(await level(sellerA, sku)).toEqual({ onHand: 2, reserved: 0, available: 2 });

    // Each failure doubles the wait; the third parks the checkout in needs_attention.
    for (let pass = 1; pass <= 8 && (await openStuck()) > 0; pass += 1) {
      await stack.orders.sweeper.sweep(new Date(start + pass * 3_600_000));
    }
    expect(await openStuck()).toBe(0);
    expect(
      await stack.count(
        sql`select count(*) as n from buyer_orders where buyer_id like 'stuck-%' and saga_state = 'needs_attention' and stalled_state = 'settling' and sweep_attempts = 3`,
      ),
    ).toBe(150);
    const metrics = await (await fetch(`${stack.orders.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^orders_checkouts_needing_attention\{[^}]*\} 150$/m);

    const admin = await createTestAdmin();
    const listed = await stack.gql(ATTENTION, { first: 5 }, admin.token);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.checkoutsNeedingAttention.nodes).toHaveLength(5);
    expect(listed.data!.checkoutsNeedingAttention.nodes[0]).toMatchObject({
      sagaState: 'needs_attention',
      stalledState: 'settling',
      sweepAttempts: 3,
      lastError: expect.stringContaining('inventory'),
    });
    expect((await stack.gql(ATTENTION, { first: 5 }, buyer.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );

    const noReason = await stack.gql(RETRY, { id: stuck[0]!.id, reason: ' ' }, admin.token);
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reason = 'Inventory is back after the outage';
    const retried = await stack.gql(RETRY, { id: stuck[0]!.id, reason }, admin.token);
    expect(retried.errors).toBeUndefined();
    // The retry and the listing are in the audit trail: the change with its reason, the read as a read.
    const audit = (await stack.outboxEvents('platform'))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload as Record<string, unknown>);
    expect(audit).toContainEqual(
      expect.objectContaining({
        actorId: admin.userId,
        action: 'checkout.retry',
        targetType: 'buyer-order',
        targetId: stuck[0]!.id,
        before: expect.objectContaining({ sagaState: 'needs_attention', stalledState: 'settling' }),
        reason,
        read: false,
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ actorId: admin.userId, action: 'checkouts.read', read: true }),
    );
    expect(audit.filter((entry) => entry.action === 'checkout.retry')).toHaveLength(1);
    // Resumed from where it stalled; still refused downstream, so it is back to backing off.
    expect(retried.data!.retryCheckout).toMatchObject({
      sagaState: 'settling',
      stalledState: null,
      sweepAttempts: 1,
    });
    const again = await stack.gql(RETRY, { id: stuck[0]!.id, reason }, admin.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
