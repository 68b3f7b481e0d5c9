import { createTestBuyer, type TestUser } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  CHECKOUT,
  dataOf,
  errorCodeOf,
  Marketplace,
  SELLER_ORDER,
  startPlatform,
  type BuyerOrderView,
  type RunningPlatform,
  type Seller,
  type StockedProduct,
  BOOT_TIMEOUT_MS,
} from '../src';

const CART = 'query { cart { itemCount } }';
const MY_ORDERS = 'query { myOrders(first: 10) { nodes { id } } }';

/** Bad input through the gateway and the internal payments API: clear refusals, and nothing changes. */
describe('e2e: refusals change nothing', () => {
  let platform: RunningPlatform;
  let market: Marketplace;
  let sellerA: Seller;
  let sellerB: Seller;
  let product: StockedProduct;

  beforeAll(async () => {
    platform = await startPlatform();
    market = new Marketplace(platform);
    [sellerA, sellerB] = await Promise.all([market.seller(), market.seller()]);
    product = await market.product(sellerA, 1_500, 10);
  }, BOOT_TIMEOUT_MS);
  afterAll(() => platform?.close(), BOOT_TIMEOUT_MS);

  const itemCount = async (buyer: TestUser) =>
    dataOf(await platform.gql<{ cart: { itemCount: number } }>(CART, {}, buyer.token), 'cart').cart.itemCount;

  async function paidOrder(): Promise<BuyerOrderView> {
    const buyer = await createTestBuyer();
    await market.fillCart(buyer.token, [[product, 2]]);
    const order = dataOf(await market.checkout(buyer.token), 'checkout').checkout;
    expect(order.status).toBe('paid');
    return order;
  }

  it('refuses zero and negative quantities and unknown variants without touching the cart', async () => {
    const buyer = await createTestBuyer();
    await market.fillCart(buyer.token, [[product, 1]]);

    for (const quantity of [0, -3]) {
      const answer = await market.addToCart(buyer.token, product, quantity);
      expect(errorCodeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors![0]!.message).toMatch(/at least 1/);
    }
    const unknownSku = await market.addToCart(
      buyer.token,
      { productId: product.productId, sku: `NOPE-${ulid()}` },
      1,
    );
    expect(errorCodeOf(unknownSku)).toBe('NOT_FOUND');
    const unknownProduct = await market.addToCart(buyer.token, { productId: ulid(), sku: product.sku }, 1);
    expect(errorCodeOf(unknownProduct)).toBe('NOT_FOUND');

    expect(await itemCount(buyer)).toBe(1);
  });

  it('refuses a checkout with an invalid address or an empty cart: no order, no reservation', async () => {
    const buyer = await createTestBuyer();
    const empty = await market.checkout(buyer.token);
    expect(errorCodeOf(empty)).toBe('BAD_USER_INPUT');

    await market.fillCart(buyer.token, [[product, 1]]);
    const before = await market.stock(product);
    const badAddress = await platform.gql(
      CHECKOUT,
      {
        input: {
          idempotencyKey: `e2e-${ulid()}`,
          shippingAddress: { name: '', line1: 'x', postalCode: '1', city: 'Berlin', country: 'Germany' },
        },
      },
      buyer.token,
    );
    expect(errorCodeOf(badAddress)).toBe('BAD_USER_INPUT');
    expect(
      dataOf(await platform.gql<{ myOrders: { nodes: unknown[] } }>(MY_ORDERS, {}, buyer.token), 'myOrders')
        .myOrders.nodes,
    ).toEqual([]);
    expect(await market.stock(product)).toEqual(before);
    expect(await itemCount(buyer)).toBe(1);
  });

  it("answers another tenant's seller order as not found, for reading and for fulfilment, and leaves it unchanged", async () => {
    const order = await paidOrder();
    const sellerOrderId = order.sellerOrders[0]!.id;

    expect(errorCodeOf(await platform.gql(SELLER_ORDER, { id: sellerOrderId }, sellerB.owner.token))).toBe(
      'NOT_FOUND',
    );
    const hijack = await platform.gql(
      'mutation($id: ID!) { markFulfilled(id: $id) { id status } }',
      { id: sellerOrderId },
      sellerB.owner.token,
    );
    expect(errorCodeOf(hijack)).toBe('NOT_FOUND');

    const own = dataOf(
      await platform.gql<{ sellerOrder: { status: string } }>(
        SELLER_ORDER,
        { id: sellerOrderId },
        sellerA.owner.token,
      ),
      'sellerOrder',
    );
    expect(own.sellerOrder.status).toBe('paid');
  });

  it('refuses a refund above what was paid and records nothing', async () => {
    const order = await paidOrder();
    const sellerOrderId = order.sellerOrders[0]!.id;
    const ledgerBefore = await market.ledger(order.id);

    const tooMuch = await platform.paymentsInternal<{ message?: string }>(
      'POST',
      `/internal/payments/${order.id}/refunds`,
      {
        sellerOrderId,
        amount: order.total + 1,
        idempotencyKey: `e2e-refund-${ulid()}`,
      },
    );
    expect(tooMuch.status).toBe(400);
    expect(JSON.stringify(tooMuch.body)).toMatch(/exceeds the 3000 EUR still refundable/);
    const negative = await platform.paymentsInternal('POST', `/internal/payments/${order.id}/refunds`, {
      sellerOrderId,
      amount: -5,
      idempotencyKey: `e2e-refund-${ulid()}`,
    });
    expect(negative.status).toBe(400);

    expect(await market.ledger(order.id)).toEqual(ledgerBefore);
    expect(ledgerBefore.some((entry) => entry.kind === 'refund')).toBe(false);
  });
});
