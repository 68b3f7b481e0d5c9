import { createTestBuyer, type TestUser } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  dataOf,
  errorCodeOf,
  Marketplace,
  PAYOUT_TRANSFERS,
  readTopic,
  SELLER_ORDER,
  SELLER_ORDERS,
  startPlatform,
  type RunningPlatform,
  type Seller,
  BOOT_TIMEOUT_MS,
} from '../src';

/** The checkout issue's acceptance, end to end through the gateway over the real services and servers. */
describe('e2e: one cart across two sellers, one checkout, one payment', () => {
  let platform: RunningPlatform;
  let market: Marketplace;
  let sellerA: Seller;
  let sellerB: Seller;

  beforeAll(async () => {
    platform = await startPlatform();
    market = new Marketplace(platform);
    [sellerA, sellerB] = await Promise.all([market.seller(), market.seller()]);
  }, BOOT_TIMEOUT_MS);
  afterAll(() => platform?.close(), BOOT_TIMEOUT_MS);

  it('splits the order per seller, pays once, transfers each share minus commission, takes the stock and publishes the events', async () => {
    const buyer = await createTestBuyer();
    const [shirt, mug] = await Promise.all([
      market.product(sellerA, 2_500, 10),
      market.product(sellerB, 1_200, 4),
    ]);
    const topic = await readTopic('orders.order.v1', () => true);
    try {
      await market.fillCart(buyer.token, [
        [shirt, 2],
        [mug, 3],
      ]);
      const order = dataOf(await market.checkout(buyer.token), 'checkout').checkout;

      expect(order).toMatchObject({ status: 'paid', currency: 'EUR', total: 8_600, failureReason: null });
      // The ordered lines left the cart before the answer (ADR 0058): the storefront reloads it right after.
      const cart = dataOf(
        await platform.gql<{ cart: { itemCount: number } }>('query { cart { itemCount } }', {}, buyer.token),
        'cart',
      );
      expect(cart.cart.itemCount).toBe(0);
      const bySeller = new Map(order.sellerOrders.map((sellerOrder) => [sellerOrder.tenantId, sellerOrder]));
      expect(bySeller.get(sellerA.tenantId)).toMatchObject({
        status: 'paid',
        subtotal: 5_000,
        lines: [{ sku: shirt.sku, quantity: 2, unitPrice: 2_500 }],
      });
      expect(bySeller.get(sellerB.tenantId)).toMatchObject({
        status: 'paid',
        subtotal: 3_600,
        lines: [{ sku: mug.sku, quantity: 3, unitPrice: 1_200 }],
      });
      const sellerOrderA = bySeller.get(sellerA.tenantId)!.id;
      const sellerOrderB = bySeller.get(sellerB.tenantId)!.id;

      // Each seller sees its own seller order through the gateway, and not the other's.
      const listA = dataOf(
        await platform.gql<{ sellerOrders: { nodes: { id: string }[] } }>(
          SELLER_ORDERS,
          { first: 50 },
          sellerA.owner.token,
        ),
        'sellerOrders',
      );
      expect(listA.sellerOrders.nodes.map((node) => node.id)).toEqual([sellerOrderA]);
      const listB = dataOf(
        await platform.gql<{ sellerOrders: { nodes: { id: string }[] } }>(
          SELLER_ORDERS,
          { first: 50 },
          sellerB.owner.token,
        ),
        'sellerOrders',
      );
      expect(listB.sellerOrders.nodes.map((node) => node.id)).toEqual([sellerOrderB]);
      expect(errorCodeOf(await platform.gql(SELLER_ORDER, { id: sellerOrderB }, sellerA.owner.token))).toBe(
        'NOT_FOUND',
      );

      // One charge for the whole cart; one transfer per seller of subtotal − 10 % default commission.
      const ledger = await market.ledger(order.id);
      expect(ledger.filter((entry) => entry.kind === 'charge').map((entry) => entry.amount)).toEqual([8_600]);
      expect(
        ledger
          .filter((entry) => entry.kind === 'transfer')
          .map((entry) => entry.amount)
          .sort((a, b) => a - b),
      ).toEqual([3_240, 4_500]);
      const transfersOfA = dataOf(
        await platform.gql<{ payoutTransfers: { nodes: Record<string, unknown>[] } }>(
          PAYOUT_TRANSFERS,
          {},
          sellerA.owner.token,
        ),
        'payoutTransfers',
      );
      expect(transfersOfA.payoutTransfers.nodes).toEqual([
        expect.objectContaining({
          buyerOrderId: order.id,
          sellerOrderId: sellerOrderA,
          subtotal: 5_000,
          commission: 500,
          amount: 4_500,
          currency: 'EUR',
        }),
      ]);

      expect(await market.stock(shirt)).toEqual({ onHand: 8, reserved: 0, available: 8 });
      expect(await market.stock(mug)).toEqual({ onHand: 1, reserved: 0, available: 1 });

      await topic.waitUntil(
        (envelopes) => envelopes.filter((envelope) => envelope.key === order.id).length >= 2,
        `order.placed and order.paid of ${order.id} on orders.order.v1`,
      );
      const published = topic.envelopes.filter((envelope) => envelope.key === order.id);
      expect(published.map((envelope) => envelope.type)).toEqual(['order.placed', 'order.paid']);
      expect(published[1]!.payload).toMatchObject({ buyerOrderId: order.id });
    } finally {
      await topic.stop();
    }
  });

  it('answers a repeated checkout with the same idempotency key with the same order and a single charge', async () => {
    const buyer: TestUser = await createTestBuyer();
    const lamp = await market.product(sellerA, 3_300, 5);
    await market.fillCart(buyer.token, [[lamp, 2]]);
    const key = `e2e-${ulid()}`;
    const first = dataOf(await market.checkout(buyer.token, key), 'checkout').checkout;
    const [again, concurrent] = await Promise.all([
      market.checkout(buyer.token, key),
      market.checkout(buyer.token, key),
    ]);

    expect(first.status).toBe('paid');
    expect(dataOf(again, 'repeated checkout').checkout).toMatchObject({
      id: first.id,
      status: 'paid',
      total: 6_600,
    });
    expect(dataOf(concurrent, 'concurrent repeat').checkout.id).toBe(first.id);
    const ledger = await market.ledger(first.id);
    expect(ledger.filter((entry) => entry.kind === 'charge').map((entry) => entry.amount)).toEqual([6_600]);
    expect(await market.stock(lamp)).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });
});
