/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  createRoleIdentities,
  createTestBuyer,
  createTestTenant,
  type RoleIdentities,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { errorCode, line, onboardSeller, startCheckoutStack, type CheckoutStack, stockUp } from './support';

const FIND = `query($orderId: ID, $buyerId: ID, $sellerId: ID, $first: Int, $after: String) {
  orders(orderId: $orderId, buyerId: $buyerId, sellerId: $sellerId, first: $first, after: $after) {
    nodes { id buyerId sellerOrders { id tenantId subtotal refundedAmount } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ADMIN_REFUND = `mutation($input: AdminRefundInput!) { refundSellerOrder(input: $input) { id status acceptedAmount } }`;

/**
 * The admin finds any order by order id (buyer or seller order), buyer or seller, and refunds part of a seller
 * order through the refund flow; both are in the audit trail. Real orders, payments (test provider), inventory,
 * cart, MariaDB, Kafka and Keycloak tokens; the orders database is this test's own.
 */
describe('orders: the admin finds any order and refunds it, audited', () => {
  let stack: CheckoutStack;
  let roles: RoleIdentities;
  let sellerA: TestTenant;
  let sellerB: TestTenant;
  let first: any;
  let second: any;
  let buyer1: TestUser;
  let buyer2: TestUser;

  beforeAll(async () => {
    stack = await startCheckoutStack();
    [roles, sellerA, sellerB, buyer1, buyer2] = await Promise.all([
      createRoleIdentities(),
      createTestTenant(),
      createTestTenant(),
      createTestBuyer(),
      createTestBuyer(),
    ]);
    for (const seller of [sellerA, sellerB]) await onboardSeller(stack, seller.owner.token);
    const [skuA, skuB] = [
      await stockUp(stack, sellerA.owner.token, 10),
      await stockUp(stack, sellerB.owner.token, 10),
    ];
    await stack.fillCart(buyer1.token, [line(sellerA, skuA, 1, 3_000), line(sellerB, skuB, 1, 2_000)]);
    first = (await stack.checkout(buyer1.token)).data!.checkout;
    await stack.fillCart(buyer2.token, [line(sellerB, skuB, 2, 2_000)]);
    second = (await stack.checkout(buyer2.token)).data!.checkout;
    expect([first.status, second.status]).toEqual(['paid', 'paid']);
  }, 120_000);
  afterAll(() => stack.close());

  const find = async (variables: Record<string, unknown>) => {
    const answer = await stack.gql(FIND, variables, roles.admin.token);
    expect(answer.errors).toBeUndefined();
    return (answer.data!.orders.nodes as any[]).map((order) => order.id);
  };
  const sellerOrderOf = (order: any, seller: TestTenant) =>
    order.sellerOrders.find((s: any) => s.tenantId === seller.tenantId).id as string;

  it('refuses sellers, staff, API clients and buyers, and malformed ids', async () => {
    const refund = {
      sellerOrderId: sellerOrderOf(first, sellerA),
      amount: 100,
      reason: 'not mine to give',
      idempotencyKey: `refused-${ulid()}`,
    };
    for (const token of [
      roles.tenant.owner.token,
      roles.tenant.staff.token,
      roles.apiClient.token,
      roles.buyer.token,
      sellerA.owner.token,
    ]) {
      expect(errorCode(await stack.gql(FIND, { sellerId: sellerA.tenantId }, token))).toBe('FORBIDDEN');
      expect(errorCode(await stack.gql(ADMIN_REFUND, { input: refund }, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await stack.gql(FIND, { orderId: 'nope' }, roles.admin.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await stack.gql(FIND, { sellerId: 'nope' }, roles.admin.token))).toBe('BAD_USER_INPUT');
  });

  it('finds orders by buyer or seller order id, by buyer and by seller, newest first, paged', async () => {
    expect(await find({})).toEqual([second.id, first.id]);
    expect(await find({ orderId: first.id })).toEqual([first.id]);
    expect(await find({ orderId: sellerOrderOf(second, sellerB) })).toEqual([second.id]);
    expect(await find({ orderId: ulid() })).toEqual([]);
    expect(await find({ sellerId: sellerA.tenantId })).toEqual([first.id]);
    expect(await find({ sellerId: sellerB.tenantId })).toEqual([second.id, first.id]);
    expect(await find({ buyerId: buyer2.userId })).toEqual([second.id]);
    expect(await find({ sellerId: sellerB.tenantId, buyerId: buyer1.userId })).toEqual([first.id]);
    const page = (await stack.gql(FIND, { sellerId: sellerB.tenantId, first: 1 }, roles.admin.token)).data!
      .orders;
    expect(page.nodes.map((order: any) => order.id)).toEqual([second.id]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(await find({ sellerId: sellerB.tenantId, first: 1, after: page.pageInfo.endCursor })).toEqual([
      first.id,
    ]);

    const reads = (await stack.outboxEvents(sellerA.tenantId))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload);
    expect(reads).toContainEqual(
      expect.objectContaining({
        actorId: roles.admin.userId,
        action: 'orders.read',
        tenantId: sellerA.tenantId,
        read: true,
        after: { orderId: null, buyerId: null, sellerId: sellerA.tenantId },
      }),
    );
  });

  it('refunds part of a seller order through the refund flow, with the reason in the audit trail', async () => {
    const sellerOrderId = sellerOrderOf(first, sellerA);
    const refunded = await stack.gql(
      ADMIN_REFUND,
      {
        input: {
          sellerOrderId,
          amount: 1_200,
          reason: 'Parcel arrived damaged',
          idempotencyKey: `admin-${ulid()}`,
        },
      },
      roles.admin.token,
    );
    expect(refunded.errors).toBeUndefined();
    expect(refunded.data!.refundSellerOrder).toMatchObject({ status: 'refunded', acceptedAmount: 1_200 });
    const records = (await stack.outboxEvents(sellerA.tenantId))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload);
    expect(records).toContainEqual(
      expect.objectContaining({
        actorId: roles.admin.userId,
        service: 'orders',
        action: 'order.refund',
        tenantId: sellerA.tenantId,
        targetType: 'seller-order',
        targetId: sellerOrderId,
        after: {
          refundRequestId: refunded.data!.refundSellerOrder.id,
          amount: 1_200,
          currency: 'EUR',
          status: 'refunded',
        },
        reason: 'Parcel arrived damaged',
        read: false,
      }),
    );
  });
});
