/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  createRoleIdentities,
  createTestBuyer,
  createTestTenant,
  type RoleIdentities,
  type TestTenant,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { errorCode, line, onboardSeller, startCheckoutStack, type CheckoutStack, stockUp } from './support';

const OVERVIEW = `query($days: Int, $currency: String, $sellerId: ID) {
  salesOverview(days: $days, currency: $currency, sellerId: $sellerId) {
    currency currencies days gmv commission takeRateBps refunded refundRateBps orders sellingSellers
    byDay { day gmv commission orders }
    topSellers { seller { id } gmv commission orders }
  }
}`;
const SELLER_COMMISSION = `query($id: ID!) { sellerOrder(id: $id) { commission } }`;
const ADMIN_REFUND = `mutation($input: AdminRefundInput!) { refundSellerOrder(input: $input) { id status } }`;

/**
 * The admin overview's sales figures, summed by the orders service over real checkouts (real payments with the
 * test provider, inventory, cart, MariaDB, Kafka, Keycloak tokens); the orders service's database is its own, so
 * the figures are exactly this test's sales.
 */
describe('orders: admin sales overview (GMV, take rate, orders, refund rate, per day, top sellers)', () => {
  let stack: CheckoutStack;
  let roles: RoleIdentities;
  let sellerA: TestTenant;
  let sellerB: TestTenant;

  beforeAll(async () => {
    stack = await startCheckoutStack();
    [roles, sellerA, sellerB] = await Promise.all([
      createRoleIdentities(),
      createTestTenant(),
      createTestTenant(),
    ]);
    for (const seller of [sellerA, sellerB]) await onboardSeller(stack, seller.owner.token);
  });
  afterAll(() => stack.close());

  const overview = (variables: Record<string, unknown>, token = roles.admin.token) =>
    stack.gql(OVERVIEW, variables, token);

  it('refuses sellers, staff, API clients and buyers, and bad periods, currencies and seller ids', async () => {
    for (const token of [
      roles.tenant.owner.token,
      roles.tenant.staff.token,
      roles.apiClient.token,
      roles.buyer.token,
    ]) {
      expect(errorCode(await overview({ days: 30 }, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await stack.gql(OVERVIEW, { days: 30 }, undefined))).toBe('UNAUTHENTICATED');
    expect(errorCode(await overview({ days: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await overview({ days: 367 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await overview({ days: 7, currency: 'eur' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await overview({ days: 7, sellerId: 'not-a-tenant' }))).toBe('BAD_USER_INPUT');
  });

  it('answers zeros for every day before any sale', async () => {
    const empty = (await overview({ days: 7 })).data!.salesOverview;
    expect(empty).toMatchObject({
      currency: 'EUR',
      currencies: [],
      days: 7,
      gmv: 0,
      takeRateBps: 0,
      refundRateBps: 0,
      orders: 0,
      sellingSellers: 0,
      topSellers: [],
    });
    expect(empty.byDay).toHaveLength(7);
    expect(empty.byDay[6]).toEqual({
      day: new Date().toISOString().slice(0, 10),
      gmv: 0,
      commission: 0,
      orders: 0,
    });
  });

  it('sums paid sales across sellers, ranks the sellers, and reports refunds beside GMV', async () => {
    const buyer = await createTestBuyer();
    const [skuA, skuB] = [
      await stockUp(stack, sellerA.owner.token, 10),
      await stockUp(stack, sellerB.owner.token, 10),
    ];
    await stack.fillCart(buyer.token, [line(sellerA, skuA, 2, 1_000), line(sellerB, skuB, 1, 6_000)]);
    const first = await stack.checkout(buyer.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.checkout.status).toBe('paid');
    const another = await createTestBuyer();
    await stack.fillCart(another.token, [line(sellerB, skuB, 1, 6_000)]);
    const second = await stack.checkout(another.token);
    expect(second.errors).toBeUndefined();
    expect(second.data!.checkout.status).toBe('paid');

    const sellerOrderOf = (order: any, seller: TestTenant) =>
      order.sellerOrders.find((s: any) => s.tenantId === seller.tenantId).id as string;
    const commissionOf = async (order: any, seller: TestTenant) =>
      (await stack.gql(SELLER_COMMISSION, { id: sellerOrderOf(order, seller) }, seller.owner.token)).data!
        .sellerOrder.commission as number;
    const commissionA = await commissionOf(first.data!.checkout, sellerA);
    const commissionB =
      (await commissionOf(first.data!.checkout, sellerB)) +
      (await commissionOf(second.data!.checkout, sellerB));
    const commission = commissionA + commissionB;
    expect(commission).toBeGreaterThan(0);

    const all = (await overview({ days: 30 })).data!.salesOverview;
    expect(all).toMatchObject({
      currency: 'EUR',
      currencies: ['EUR'],
      gmv: 14_000,
      commission,
      takeRateBps: Math.round((commission * 10_000) / 14_000),
      refunded: 0,
      refundRateBps: 0,
      orders: 2,
      sellingSellers: 2,
    });
    expect(all.byDay).toHaveLength(30);
    expect(all.byDay[29]).toEqual({
      day: new Date().toISOString().slice(0, 10),
      gmv: 14_000,
      commission,
      orders: 2,
    });
    expect(all.topSellers).toEqual([
      { seller: { id: sellerB.tenantId }, gmv: 12_000, commission: commissionB, orders: 2 },
      { seller: { id: sellerA.tenantId }, gmv: 2_000, commission: commissionA, orders: 1 },
    ]);

    // A refund through the refund flow (ADR 0017) shows as refunded; GMV keeps the sale.
    const refund = await stack.gql(
      ADMIN_REFUND,
      {
        input: {
          sellerOrderId: sellerOrderOf(first.data!.checkout, sellerA),
          amount: 1_000,
          reason: 'Goodwill: late delivery',
          idempotencyKey: `overview-${ulid()}`,
        },
      },
      roles.admin.token,
    );
    expect(refund.errors).toBeUndefined();
    // refunded_amount follows payments' refund.created event (Kafka).
    const until = Date.now() + 120_000;
    let one = (await overview({ days: 1, sellerId: sellerA.tenantId })).data!.salesOverview;
    while (one.refunded === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      one = (await overview({ days: 1, sellerId: sellerA.tenantId })).data!.salesOverview;
    }
    expect(one).toMatchObject({
      gmv: 2_000,
      commission: commissionA,
      refunded: 1_000,
      refundRateBps: 5_000,
      orders: 1,
      sellingSellers: 1,
      topSellers: [{ seller: { id: sellerA.tenantId }, gmv: 2_000, commission: commissionA, orders: 1 }],
    });
    expect(one.byDay).toHaveLength(1);
    expect((await overview({ days: 30, currency: 'USD' })).data!.salesOverview).toMatchObject({
      currency: 'USD',
      currencies: ['EUR'],
      gmv: 0,
      orders: 0,
    });
  }, 180_000);

  it('records each overview read in the audit trail as a cross-tenant read', async () => {
    await overview({ days: 7, sellerId: sellerB.tenantId });
    const records = (await stack.outboxEvents(sellerB.tenantId)).filter(
      (event) => event.type === 'audit.recorded',
    );
    expect(records.map((event) => event.payload)).toContainEqual(
      expect.objectContaining({
        actorId: roles.admin.userId,
        service: 'orders',
        action: 'orders.sales-overview.read',
        tenantId: sellerB.tenantId,
        targetType: 'sales-overview',
        read: true,
        after: { days: 7, currency: null, sellerId: sellerB.tenantId },
      }),
    );
  });
});
