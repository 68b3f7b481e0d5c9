/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  waitFor,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  errorCode,
  line,
  MARK_FULFILLED,
  onboardSeller,
  startCheckoutStack,
  type CheckoutLine,
  type CheckoutStack,
  stockUp,
} from './support';

const DASHBOARD = `query($days: Int) { sellerDashboard(days: $days) {
  days since awaitingFulfilment
  figures { currency sales orders averageOrderValue refunded refundedOrders salesByDay { day sales orders } }
  ordersByStatus { status orders }
  topProducts { productId title units }
} }`;
const ORDERS_PLACED = `query($from: String, $before: String, $status: String) {
  sellerOrders(first: 50, placedFrom: $from, placedBefore: $before, status: $status) { nodes { id } }
}`;
const SHIP = `mutation($id: ID!, $url: String) {
  markShipped(id: $id, carrier: 'DHL', trackingNumber: 'JJD0001', trackingUrl: $url) { id status trackingUrl }
}`.replaceAll("'", '"');
const REQUEST_REFUND = `mutation($input: RequestRefundInput!) { requestRefund(input: $input) { id } }`;
const ACCEPT = `mutation($id: ID!, $amount: Int) { acceptRefundRequest(id: $id, amount: $amount) { id status } }`;

/**
 * What the seller portal's dashboard and order queue read, against the real orders, payments (test provider),
 * inventory and cart services, MariaDB, Kafka and Keycloak: figures aggregated in the database over the seller's
 * own orders only, the queue's date filter, and the tracking link the buyer sees.
 */
describe('orders: seller figures, date filter and tracking links', () => {
  let stack: CheckoutStack;
  let sellerA: TestTenant;
  let sellerB: TestTenant;
  const ordersOfA: { buyerOrderId: string; sellerOrderId: string; buyerToken: string }[] = [];
  let mugs: CheckoutLine;

  beforeAll(async () => {
    stack = await startCheckoutStack();
    [sellerA, sellerB] = await Promise.all([createTestTenant({ staff: true }), createTestTenant()]);
    for (const seller of [sellerA, sellerB]) await onboardSeller(stack, seller.owner.token);
    const [mugSku, plateSku, otherSku] = [
      await stockUp(stack, sellerA.owner.token, 20),
      await stockUp(stack, sellerA.owner.token, 20),
      await stockUp(stack, sellerB.owner.token, 20),
    ];
    mugs = line(sellerA, mugSku, 3, 1_000);
    const plates = line(sellerA, plateSku, 1, 2_500);
    // Two orders of seller A (one with seller B's line too): EUR 55.00 and EUR 10.00 of A's.
    for (const lines of [[mugs, plates, line(sellerB, otherSku, 1, 9_900)], [{ ...mugs, quantity: 1 }]]) {
      const buyer = await createTestBuyer();
      await stack.fillCart(buyer.token, lines);
      const answer = await stack.checkout(buyer.token);
      expect(answer.data!.checkout.status).toBe('paid');
      const order = answer.data!.checkout;
      ordersOfA.push({
        buyerToken: buyer.token,
        buyerOrderId: order.id,
        sellerOrderId: order.sellerOrders.find((s: any) => s.tenantId === sellerA.tenantId).id,
      });
    }
  });
  afterAll(() => stack.close());

  it('sums sales, orders, average order value, statuses and top products of the seller only, in the database', async () => {
    await stack.gql(MARK_FULFILLED, { id: ordersOfA[1]!.sellerOrderId }, sellerA.owner.token);
    const today = new Date().toISOString().slice(0, 10);

    const answer = await stack.gql(DASHBOARD, { days: 7 }, sellerA.owner.token);
    expect(answer.errors).toBeUndefined();
    const dashboard = answer.data!.sellerDashboard;
    expect(dashboard).toMatchObject({ days: 7, awaitingFulfilment: 2 });
    expect(dashboard.figures).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        sales: 6_500,
        orders: 2,
        averageOrderValue: 3_250,
        refunded: 0,
        refundedOrders: 0,
      }),
    ]);
    const days = dashboard.figures[0].salesByDay;
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toEqual({ day: today, sales: 6_500, orders: 2 });
    expect(days.slice(0, 6).every((d: any) => d.sales === 0 && d.orders === 0)).toBe(true);
    expect(dashboard.ordersByStatus).toEqual(
      expect.arrayContaining([
        { status: 'paid', orders: 1 },
        { status: 'fulfilled', orders: 1 },
      ]),
    );
    expect(dashboard.topProducts[0]).toEqual({ productId: mugs.productId, title: mugs.title, units: 4 });
    expect(dashboard.topProducts).toHaveLength(2);

    // Seller B sees its own single line only.
    const other = (await stack.gql(DASHBOARD, { days: 1 }, sellerB.owner.token)).data!.sellerDashboard;
    expect(other.figures).toEqual([expect.objectContaining({ sales: 9_900, orders: 1 })]);
    expect(other.topProducts.map((p: any) => p.productId)).not.toContain(mugs.productId);

    // Staff read the figures too; buyers, admins and bad ranges are refused.
    expect(
      (await stack.gql(DASHBOARD, { days: 30 }, sellerA.staff!.token)).data!.sellerDashboard.figures,
    ).toEqual([expect.objectContaining({ sales: 6_500 })]);
    expect(errorCode(await stack.gql(DASHBOARD, {}, (await createTestBuyer()).token))).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql(DASHBOARD, {}, (await createTestAdmin()).token))).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql(DASHBOARD, { days: 0 }, sellerA.owner.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await stack.gql(DASHBOARD, { days: 367 }, sellerA.owner.token))).toBe('BAD_USER_INPUT');
  });

  it('counts an accepted partial refund beside the gross sales', async () => {
    const { sellerOrderId, buyerToken } = ordersOfA[0]!;
    const requested = await stack.gql(
      REQUEST_REFUND,
      {
        input: {
          sellerOrderId,
          lines: [{ sku: mugs.sku, quantity: 1 }],
          reason: 'One arrived broken',
          idempotencyKey: `return-${ulid()}`,
        },
      },
      buyerToken,
    );
    expect(requested.errors).toBeUndefined();
    const accepted = await stack.gql(
      ACCEPT,
      { id: requested.data!.requestRefund.id, amount: 700 },
      sellerA.owner.token,
    );
    expect(accepted.errors).toBeUndefined();

    const figures = await waitFor('the refund in the figures', async () => {
      const answer = await stack.gql(DASHBOARD, { days: 1 }, sellerA.owner.token);
      const first = answer.data!.sellerDashboard.figures[0];
      return first.refunded === 700 && first;
    });
    expect(figures).toMatchObject({ sales: 6_500, orders: 2, refunded: 700, refundedOrders: 1 });
  });

  it('filters the order queue by the date placed, on the server', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const ids = async (variables: Record<string, unknown>, token = sellerA.owner.token) => {
      const answer = await stack.gql(ORDERS_PLACED, variables, token);
      expect(answer.errors).toBeUndefined();
      return answer.data!.sellerOrders.nodes.map((n: any) => n.id);
    };
    expect(await ids({ from: hourAgo })).toEqual(
      expect.arrayContaining(ordersOfA.map((o) => o.sellerOrderId)),
    );
    expect(await ids({ before: hourAgo })).toEqual([]);
    expect(await ids({ from: hourAgo, status: 'fulfilled' })).toEqual([ordersOfA[1]!.sellerOrderId]);
    expect(await ids({ from: hourAgo }, sellerB.owner.token)).not.toContain(ordersOfA[0]!.sellerOrderId);

    expect(errorCode(await stack.gql(ORDERS_PLACED, { from: 'yesterday' }, sellerA.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await stack.gql(ORDERS_PLACED, { from: hourAgo, before: hourAgo }, sellerA.owner.token)),
    ).toBe('BAD_USER_INPUT');
  });

  it('ships with an https tracking URL the buyer reads; refuses other URLs and changes nothing', async () => {
    const { buyerOrderId, sellerOrderId } = ordersOfA[1]!;
    for (const url of [
      'http://track.example.com/JJD0001',
      'javascript:alert(1)',
      'not a url',
      `https://x.example.com/${'a'.repeat(2100)}`,
    ]) {
      const refused = await stack.gql(SHIP, { id: sellerOrderId, url }, sellerA.owner.token);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0]!.message).toMatch(/trackingUrl/);
    }
    expect(
      errorCode(
        await stack.gql(SHIP, { id: sellerOrderId, url: 'https://t.example.com/1' }, sellerB.owner.token),
      ),
    ).toBe('NOT_FOUND');
    const unchanged = await stack.gql(ORDERS_PLACED, { status: 'fulfilled' }, sellerA.owner.token);
    expect(unchanged.data!.sellerOrders.nodes).toEqual([{ id: sellerOrderId }]);
    const url = 'https://www.dhl.de/en/privatkunden/pakete-empfangen/verfolgen.html?piececode=JJD0001';
    const shipped = await stack.gql(SHIP, { id: sellerOrderId, url }, sellerA.owner.token);
    expect(shipped.data!.markShipped).toEqual({ id: sellerOrderId, status: 'shipped', trackingUrl: url });

    const events = await stack.outboxEvents(buyerOrderId);
    expect(events.find((e) => e.type === 'seller-order.shipped')!.payload).toMatchObject({
      trackingUrl: url,
    });
    const buyerView = `query($id: ID!) { myOrder(id: $id) { sellerOrders { id carrier trackingUrl } } }`;
    const seen = (await stack.gql(buyerView, { id: buyerOrderId }, ordersOfA[1]!.buyerToken)).data!.myOrder;
    expect(seen.sellerOrders.find((s: any) => s.id === sellerOrderId)).toEqual({
      id: sellerOrderId,
      carrier: 'DHL',
      trackingUrl: url,
    });
  });
});
