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
import {
  ADDRESS,
  ADMIN_ORDERS,
  errorCode,
  line,
  MARK_DELIVERED,
  MARK_FULFILLED,
  MARK_SHIPPED,
  MY_ORDER,
  MY_ORDERS,
  SELLER_ORDER,
  SELLER_ORDERS,
  onboardSeller,
  startCheckoutStack,
  stockUp,
  STOCK_LEVELS,
  type CheckoutLine,
  type CheckoutStack,
} from './support';

/** The checkout saga against the real payments (test provider) and inventory services, MariaDB, Kafka, Keycloak. */
describe('orders: checkout saga, seller fulfilment, views', () => {
  let stack: CheckoutStack;
  let sellerA: TestTenant;
  let sellerB: TestTenant;

  beforeAll(async () => {
    stack = await startCheckoutStack();
    [sellerA, sellerB] = await Promise.all([createTestTenant(), createTestTenant()]);
    for (const seller of [sellerA, sellerB]) await onboardSeller(stack, seller.owner.token);
  });
  afterAll(() => stack.close());

  function stock(seller: TestTenant, onHand: number): Promise<string> {
    return stockUp(stack, seller.owner.token, onHand);
  }

  async function level(seller: TestTenant, sku: string) {
    const answer = await stack.inventoryGql(STOCK_LEVELS, { sku }, seller.owner.token);
    return answer.data!.stockLevels.nodes[0] as { onHand: number; reserved: number; available: number };
  }

  async function checkout(buyer: TestUser, lines: CheckoutLine[], idempotencyKey = `key-${ulid()}`) {
    await stack.fillCart(buyer.token, lines);
    return stack.checkout(buyer.token, idempotencyKey);
  }

  const ordersOf = (buyer: TestUser) =>
    stack.count(sql`select count(*) as n from buyer_orders where buyer_id = ${buyer.userId}`);

  it('splits a two-seller checkout into one paid buyer order and two seller orders, each seller seeing only its own', async () => {
    const buyer = await createTestBuyer();
    const [skuA1, skuA2, skuB] = await Promise.all([
      stock(sellerA, 10),
      stock(sellerA, 5),
      stock(sellerB, 3),
    ]);

    const key = `key-${ulid()}`;
    const placed = await checkout(
      buyer,
      [line(sellerA, skuA1, 2, 1_500), line(sellerA, skuA2, 1, 2_000), line(sellerB, skuB, 3, 1_000)],
      key,
    );
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.checkout;
    // The answer is built from the rows the saga wrote and carried (ADR 0060); a repeated key's answer, and the
    // buyer's read of the order, are built from reads of them: all three agree, seller orders and lines in order.
    expect((await stack.checkout(buyer.token, key)).data!.checkout).toEqual(order);
    const { paymentClientSecret: _s, paymentProvider: _p, paymentPublishableKey: _k, ...viewed } = order;
    expect((await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder).toEqual(viewed);
    expect(order).toMatchObject({
      status: 'paid',
      currency: 'EUR',
      total: 8_000,
      failureReason: null,
      paymentClientSecret: null,
      paymentProvider: null,
      paymentPublishableKey: null,
    });
    const bySeller = Object.fromEntries(order.sellerOrders.map((s: any) => [s.tenantId, s]));
    expect(bySeller[sellerA.tenantId]).toMatchObject({ status: 'paid', subtotal: 5_000 });
    expect(bySeller[sellerA.tenantId].lines).toHaveLength(2);
    expect(bySeller[sellerB.tenantId]).toMatchObject({ status: 'paid', subtotal: 3_000 });

    // Reservations confirmed: the units left stock for good.
    expect(await level(sellerA, skuA1)).toEqual({ onHand: 8, reserved: 0, available: 8 });
    expect(await level(sellerB, skuB)).toEqual({ onHand: 0, reserved: 0, available: 0 });

    // Settled: each seller's transfer is its subtotal minus the default 10 % commission.
    const { ledger } = (await stack.payments('GET', `/internal/payments/${order.id}`)).body;
    const transfers = ledger
      .filter((entry: any) => entry.kind === 'transfer')
      .map((entry: any) => entry.amount)
      .sort();
    expect(transfers).toEqual([2_700, 4_500]);
    expect(ledger.filter((entry: any) => entry.kind === 'charge').map((entry: any) => entry.amount)).toEqual([
      8_000,
    ]);

    const sellerAOrders = await stack.gql(SELLER_ORDERS, { first: 50 }, sellerA.owner.token);
    const ids = sellerAOrders.data!.sellerOrders.nodes.map((node: any) => node.id);
    expect(ids).toContain(bySeller[sellerA.tenantId].id);
    expect(ids).not.toContain(bySeller[sellerB.tenantId].id);
    const own = await stack.gql(SELLER_ORDER, { id: bySeller[sellerA.tenantId].id }, sellerA.owner.token);
    expect(own.data!.sellerOrder).toMatchObject({
      status: 'paid',
      subtotal: 5_000,
      commissionBps: 1_000,
      shipTo: {
        name: 'Ada Buyer',
        line1: 'Hauptstraße 1',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
      },
    });
    const foreign = await stack.gql(SELLER_ORDER, { id: bySeller[sellerB.tenantId].id }, sellerA.owner.token);
    expect(errorCode(foreign)).toBe('NOT_FOUND');

    const events = await stack.outboxEvents(order.id);
    expect(events.map((event) => event.type)).toEqual(['order.placed', 'order.paid']);
    const paidSellers = events[1]!.payload.sellerOrders as any[];
    expect(paidSellers.find((s) => s.tenantId === sellerB.tenantId)).toMatchObject({
      sellerOrderId: bySeller[sellerB.tenantId].id,
      subtotal: 3_000,
      lines: [expect.objectContaining({ sku: skuB, quantity: 3, unitPrice: 1_000 })],
    });
    const mine = await stack.gql(MY_ORDERS, { first: 10 }, buyer.token);
    expect(mine.data!.myOrders.nodes).toEqual([{ id: order.id, status: 'paid' }]);
    const otherBuyer = await createTestBuyer();
    expect(errorCode(await stack.gql(MY_ORDER, { id: order.id }, otherBuyer.token))).toBe('NOT_FOUND');
  });

  it('returns the same order for a repeated idempotency key: one reservation, one charge', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 4);
    const key = `key-${ulid()}`;
    const first = await checkout(buyer, [line(sellerA, sku, 2, 1_250)], key);
    const again = await stack.checkout(buyer.token, key);
    expect(again.data!.checkout.id).toBe(first.data!.checkout.id);
    expect(again.data!.checkout.status).toBe('paid');
    expect(await level(sellerA, sku)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    const { ledger } = (await stack.payments('GET', `/internal/payments/${first.data!.checkout.id}`)).body;
    expect(ledger.filter((entry: any) => entry.kind === 'charge')).toHaveLength(1);
    expect(await ordersOf(buyer)).toBe(1);
  });

  it('answers concurrent checkouts with the same key with one order, one reservation, one charge', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerB, 6);
    await stack.fillCart(buyer.token, [line(sellerB, sku, 3, 700)]);
    const key = `key-${ulid()}`;
    const answers = await Promise.all([1, 2, 3].map(() => stack.checkout(buyer.token, key)));
    const ids = new Set(answers.map((answer) => answer.data!.checkout.id));
    expect(ids.size).toBe(1);
    expect(await ordersOf(buyer)).toBe(1);
    expect(await level(sellerB, sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    const { ledger } = (await stack.payments('GET', `/internal/payments/${[...ids][0]}`)).body;
    expect(ledger.filter((entry: any) => entry.kind === 'charge')).toHaveLength(1);
  });

  it('cancels a declined checkout and releases its reservation', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerB, 5);
    const placed = await checkout(buyer, [line(sellerB, sku, 1, 4_502)]);
    const order = placed.data!.checkout;
    expect(order.status).toBe('cancelled');
    expect(order.failureReason).toMatch(/^Payment failed: .*declined/);
    expect(order.sellerOrders.map((s: any) => s.status)).toEqual(['cancelled']);
    expect(await level(sellerB, sku)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect((await stack.outboxEvents(order.id)).map((event) => event.type)).toEqual([
      'order.placed',
      'order.cancelled',
    ]);
  });

  it('refuses a checkout beyond the stock, naming the sku, reserves nothing and answers every call with the key alike', async () => {
    const buyer = await createTestBuyer();
    const [plenty, scarce] = await Promise.all([stock(sellerA, 10), stock(sellerB, 1)]);
    const key = `key-${ulid()}`;
    const lines = [line(sellerA, plenty, 1, 1_000), line(sellerB, scarce, 2, 1_000)];
    const refused = await checkout(buyer, lines, key);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain(scarce);
    expect(refused.errors![0]!.message).not.toContain(plenty);
    expect(await level(sellerA, plenty)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    // The refusal is recorded, so a replay neither reserves again nor answers differently.
    await stockUp(stack, sellerB.owner.token, 5, scarce);
    const again = await checkout(buyer, lines, key);
    expect(again.data ?? null).toBeNull();
    expect(
      again.errors!.map(({ message, extensions }) => [message, extensions?.code, extensions?.status]),
    ).toEqual(
      refused.errors!.map(({ message, extensions }) => [message, extensions?.code, extensions?.status]),
    );
    expect(await level(sellerB, scarce)).toMatchObject({ reserved: 0 });
  });

  it('lets a seller fulfil, ship with tracking and deliver only its own seller order; the buyer sees tracking', async () => {
    const buyer = await createTestBuyer();
    const [skuA, skuB] = await Promise.all([stock(sellerA, 3), stock(sellerB, 3)]);
    const order = (await checkout(buyer, [line(sellerA, skuA, 1, 3_000), line(sellerB, skuB, 1, 2_000)]))
      .data!.checkout;
    const idA = order.sellerOrders.find((s: any) => s.tenantId === sellerA.tenantId).id;

    const foreignShip = await stack.gql(
      MARK_SHIPPED,
      { id: idA, carrier: 'DHL', trackingNumber: 'X1' },
      sellerB.owner.token,
    );
    expect(errorCode(foreignShip)).toBe('NOT_FOUND');
    expect(errorCode(await stack.gql(MARK_FULFILLED, { id: idA }, sellerB.owner.token))).toBe('NOT_FOUND');
    expect((await stack.gql(SELLER_ORDER, { id: idA }, sellerA.owner.token)).data!.sellerOrder).toMatchObject(
      {
        status: 'paid',
        trackingNumber: null,
      },
    );
    expect(
      errorCode(
        await stack.gql(MARK_SHIPPED, { id: idA, carrier: 'DHL', trackingNumber: '' }, sellerA.owner.token),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await stack.gql(MARK_DELIVERED, { id: idA }, sellerA.owner.token))).toBe('CONFLICT');

    expect(
      (await stack.gql(MARK_FULFILLED, { id: idA }, sellerA.owner.token)).data!.markFulfilled.status,
    ).toBe('fulfilled');
    const shipped = await stack.gql(
      MARK_SHIPPED,
      { id: idA, carrier: 'DHL', trackingNumber: '00340434161094042557' },
      sellerA.owner.token,
    );
    expect(shipped.data!.markShipped).toEqual({
      id: idA,
      status: 'shipped',
      carrier: 'DHL',
      trackingNumber: '00340434161094042557',
    });

    const seen = (await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder;
    expect(seen.status).toBe('paid');
    expect(seen.sellerOrders.find((s: any) => s.id === idA)).toMatchObject({
      status: 'shipped',
      carrier: 'DHL',
      trackingNumber: '00340434161094042557',
    });
    expect(
      (await stack.gql(MARK_DELIVERED, { id: idA }, sellerA.owner.token)).data!.markDelivered.status,
    ).toBe('delivered');
    const events = await stack.outboxEvents(order.id);
    expect(events.filter((event) => event.type === 'seller-order.shipped')).toEqual([
      expect.objectContaining({
        tenantId: sellerA.tenantId,
        payload: expect.objectContaining({ sellerOrderId: idA, carrier: 'DHL' }),
      }),
    ]);
  });

  it('refuses an empty cart, unknown skus, bad quantities and a bad address, writing nothing', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 5);
    expect(errorCode(await stack.checkout(buyer.token))).toBe('BAD_USER_INPUT');
    await expect(stack.fillCart(buyer.token, [line(sellerA, sku, 0, 1_000)])).rejects.toThrow(
      /BAD_USER_INPUT/,
    );
    await expect(stack.fillCart(buyer.token, [line(sellerA, sku, -1, 1_000)])).rejects.toThrow(
      /BAD_USER_INPUT/,
    );

    await stack.fillCart(buyer.token, [
      line(sellerA, `SKU-UNKNOWN-${ulid()}`, 1, 1_000),
      line(sellerA, sku, 1, 1_000),
    ]);
    const unknown = await stack.checkout(buyer.token);
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0]!.message).toMatch(/Unknown sku: SKU-UNKNOWN-/);
    for (const address of [
      { ...ADDRESS, country: 'Germany' },
      { ...ADDRESS, name: ' ' },
    ]) {
      expect(errorCode(await stack.checkout(buyer.token, `key-${ulid()}`, address))).toBe('BAD_USER_INPUT');
    }
    expect(await ordersOf(buyer)).toBe(0);
    expect(await level(sellerA, sku)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(errorCode(await stack.gql(MY_ORDERS, { first: 10, after: 'not-a-cursor' }, buyer.token))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('takes prices from the cart service: a price changed since adding refuses once, then checks out at the new price', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerB, 5);
    const cartLine = line(sellerB, sku, 2, 1_000);
    await stack.fillCart(buyer.token, [cartLine]);
    stack.catalog.products.get(cartLine.productId)!.variants[0]!.priceMinor = 1_200;

    const refused = await stack.checkout(buyer.token);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain(`${sku} (price changed)`);
    expect(await ordersOf(buyer)).toBe(0);
    expect(await level(sellerB, sku)).toEqual({ onHand: 5, reserved: 0, available: 5 });

    const placed = await stack.checkout(buyer.token);
    expect(placed.data!.checkout).toMatchObject({ status: 'paid', total: 2_400 });
  });

  it('gives platform admins every order, and nobody else', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerB, 2);
    const order = (await checkout(buyer, [line(sellerB, sku, 1, 900)])).data!.checkout;
    const admin = await createTestAdmin();
    let found: any;
    let after: string | null = null;
    do {
      const page: any = await stack.gql(ADMIN_ORDERS, { first: 50, after }, admin.token);
      expect(page.errors).toBeUndefined();
      found ??= page.data.orders.nodes.find((node: any) => node.id === order.id);
      after = page.data.orders.pageInfo.hasNextPage ? page.data.orders.pageInfo.endCursor : null;
    } while (after && !found);
    expect(found).toMatchObject({ buyerId: buyer.userId, status: 'paid', total: 900 });
    expect(errorCode(await stack.gql(ADMIN_ORDERS, { first: 5 }, buyer.token))).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql(ADMIN_ORDERS, { first: 5 }, sellerA.owner.token))).toBe('FORBIDDEN');
  });
});
