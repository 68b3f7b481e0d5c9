/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  errorCode,
  line,
  MY_ORDER,
  SELLER_ORDER,
  onboardSeller,
  startCheckoutStack,
  type CheckoutLine,
  type CheckoutStack,
  stockUp,
} from './support';

const REQUEST_FIELDS = `id sellerOrderId status requestedAmount acceptedAmount reason decisionReason lastError lines { sku quantity unitPrice }`;
const REQUEST_REFUND = `mutation($input: RequestRefundInput!) { requestRefund(input: $input) { ${REQUEST_FIELDS} } }`;
const ACCEPT = `mutation($id: ID!, $amount: Int) { acceptRefundRequest(id: $id, amount: $amount) { ${REQUEST_FIELDS} } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineRefundRequest(id: $id, reason: $reason) { ${REQUEST_FIELDS} } }`;
const SELLER_REQUESTS = `query($status: String) { refundRequests(first: 20, status: $status) { nodes { ${REQUEST_FIELDS} } pageInfo { hasNextPage } } }`;
const MY_REQUESTS = `query { myRefundRequests(first: 20) { nodes { ${REQUEST_FIELDS} } pageInfo { hasNextPage } } }`;
const ADMIN_REFUND = `mutation($input: AdminRefundInput!) { refundSellerOrder(input: $input) { ${REQUEST_FIELDS} } }`;

/**
 * Returns and refunds as a flow (ADR 0017) against the real payments (test provider), inventory and cart services,
 * MariaDB, Kafka and Keycloak: the buyer asks for lines of one seller order, the seller accepts or declines, an admin
 * refunds anything; each refund is one provider refund plus the reversal of that seller's share, and the seller
 * order follows payments' refund.created events.
 */
describe('orders: returns and refunds', () => {
  let stack: CheckoutStack;
  let sellerA: TestTenant;
  let sellerB: TestTenant;

  beforeAll(async () => {
    stack = await startCheckoutStack();
    [sellerA, sellerB] = await Promise.all([createTestTenant(), createTestTenant()]);
    for (const seller of [sellerA, sellerB]) await onboardSeller(stack, seller.owner.token);
  });
  afterAll(() => stack.close());

  const stock = (seller: TestTenant, onHand: number) => stockUp(stack, seller.owner.token, onHand);

  async function paidOrder(buyer: TestUser, lines: CheckoutLine[]) {
    await stack.fillCart(buyer.token, lines);
    const answer = await stack.checkout(buyer.token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.checkout.status).toBe('paid');
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

  const moneyOf = async (buyerOrderId: string) => {
    const { ledger } = (await stack.payments('GET', `/internal/payments/${buyerOrderId}`)).body as {
      ledger: any[];
    };
    return {
      refunds: ledger.filter((entry) => entry.kind === 'refund'),
      reversals: ledger.filter((entry) => entry.kind === 'transfer_reversal'),
    };
  };

  it('refunds one line of one seller order once: provider refund, reversal of the share, partially_refunded', async () => {
    const buyer = await createTestBuyer();
    const [cups, plates, other] = [await stock(sellerA, 5), await stock(sellerA, 5), await stock(sellerB, 5)];
    const order = await paidOrder(buyer, [
      line(sellerA, cups, 2, 1_500),
      line(sellerA, plates, 1, 3_000),
      line(sellerB, other, 1, 2_000),
    ]);
    const sellerOrderA = order.sellerOrders.find((s) => s.tenantId === sellerA.tenantId)!.id;
    const sellerOrderB = order.sellerOrders.find((s) => s.tenantId === sellerB.tenantId)!.id;
    const input = {
      sellerOrderId: sellerOrderA,
      lines: [{ sku: cups, quantity: 1 }],
      reason: 'Arrived broken',
      idempotencyKey: `return-${ulid()}`,
    };

    const requested = await stack.gql(REQUEST_REFUND, { input }, buyer.token);
    expect(requested.errors).toBeUndefined();
    const request = requested.data!.requestRefund;
    expect(request).toMatchObject({
      sellerOrderId: sellerOrderA,
      status: 'requested',
      requestedAmount: 1_500,
      acceptedAmount: null,
      reason: 'Arrived broken',
      lines: [{ sku: cups, quantity: 1, unitPrice: 1_500 }],
    });
    expect((await stack.gql(REQUEST_REFUND, { input }, buyer.token)).data!.requestRefund.id).toBe(request.id);
    expect(
      errorCode(
        await stack.gql(
          REQUEST_REFUND,
          { input: { ...input, lines: [{ sku: plates, quantity: 1 }] } },
          buyer.token,
        ),
      ),
    ).toBe('CONFLICT');

    // Refused, writing nothing: more than bought and not yet asked for, unknown lines, someone else's order.
    const fresh = () => `return-${ulid()}`;
    const tooMany = await stack.gql(
      REQUEST_REFUND,
      { input: { ...input, idempotencyKey: fresh(), lines: [{ sku: cups, quantity: 2 }] } },
      buyer.token,
    );
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.message).toMatch(/Only 1 of .* can still be returned/);
    expect(
      errorCode(
        await stack.gql(
          REQUEST_REFUND,
          { input: { ...input, idempotencyKey: fresh(), lines: [{ sku: cups, quantity: -1 }] } },
          buyer.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await stack.gql(
          REQUEST_REFUND,
          { input: { ...input, idempotencyKey: fresh(), lines: [{ sku: 'NOT-BOUGHT', quantity: 1 }] } },
          buyer.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const stranger = await createTestBuyer();
    expect(
      errorCode(
        await stack.gql(REQUEST_REFUND, { input: { ...input, idempotencyKey: fresh() } }, stranger.token),
      ),
    ).toBe('NOT_FOUND');

    // Another seller cannot see or decide it; the seller cannot refund more than was requested.
    expect(errorCode(await stack.gql(ACCEPT, { id: request.id }, sellerB.owner.token))).toBe('NOT_FOUND');
    expect((await stack.gql(SELLER_REQUESTS, {}, sellerB.owner.token)).data!.refundRequests.nodes).toEqual(
      [],
    );
    expect(errorCode(await stack.gql(ACCEPT, { id: request.id, amount: 1_501 }, sellerA.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await stack.gql(ACCEPT, { id: request.id, amount: -5 }, sellerA.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await moneyOf(order.id)).toEqual({ refunds: [], reversals: [] });

    const accepted = await stack.gql(ACCEPT, { id: request.id }, sellerA.owner.token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptRefundRequest).toMatchObject({ status: 'refunded', acceptedAmount: 1_500 });
    const money = await moneyOf(order.id);
    expect(money.refunds).toEqual([expect.objectContaining({ amount: 1_500, sellerOrderId: sellerOrderA })]);
    // The platform gives its 10 % commission on the refunded part back: the seller returns 90 %.
    expect(money.reversals).toEqual([
      expect.objectContaining({ amount: 1_350, sellerOrderId: sellerOrderA, tenantId: sellerA.tenantId }),
    ]);

    const seen = await eventually(
      async () =>
        (await stack.gql(SELLER_ORDER, { id: sellerOrderA }, sellerA.owner.token)).data!.sellerOrder,
      (view) => view.status === 'partially_refunded',
    );
    expect(seen).toMatchObject({ status: 'partially_refunded' });
    const buyerView = (await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder;
    expect(buyerView.status).toBe('partially_refunded');
    expect(
      buyerView.sellerOrders
        .map((s: any) => [s.id, s.status])
        .sort((a: any, b: any) => a[0].localeCompare(b[0])),
    ).toEqual(
      [
        [sellerOrderA, 'partially_refunded'],
        [sellerOrderB, 'paid'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );

    // The same acceptance again (a retried request) changes nothing.
    const again = await stack.gql(ACCEPT, { id: request.id }, sellerA.owner.token);
    expect(again.data!.acceptRefundRequest).toMatchObject({ id: request.id, status: 'refunded' });
    expect(await moneyOf(order.id)).toEqual(money);
    expect(
      (await stack.outboxEvents(order.id)).filter((e) => e.type === 'seller-order.status-changed'),
    ).toEqual([expect.objectContaining({ payload: expect.objectContaining({ to: 'partially_refunded' }) })]);
  });

  it('flags the seller order while a chargeback on it is open, and when it ends', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 5);
    const order = await paidOrder(buyer, [line(sellerA, sku, 1, 4_000)]);
    const sellerOrderId = order.sellerOrders[0]!.id;
    const { payment } = (await stack.payments('GET', `/internal/payments/${order.id}`)).body;
    const dispute = (status: string) =>
      stack.paymentsWebhook({
        type: status === 'needs_response' ? 'charge.dispute.created' : 'charge.dispute.closed',
        object: {
          id: `dp_${order.id}`,
          amount: 4_000,
          currency: 'eur',
          payment_intent: payment.intentId,
          reason: 'fraudulent',
          status,
        },
      });
    const disputeOf = async () =>
      (
        await stack.gql(
          `query($id: ID!) { sellerOrder(id: $id) { disputeStatus } }`,
          { id: sellerOrderId },
          sellerA.owner.token,
        )
      ).data!.sellerOrder.disputeStatus;

    expect((await dispute('needs_response')).body.outcome).toBe('processed');
    expect(await eventually(disputeOf, (status) => status === 'open')).toBe('open');
    expect((await moneyOf(order.id)).reversals.map((entry) => entry.amount)).toEqual([3_600]);
    expect((await dispute('lost')).body.outcome).toBe('processed');
    expect(await eventually(disputeOf, (status) => status === 'lost')).toBe('lost');
  });

  it('lets an admin refund a chosen line (at most what it cost), records the line and audits in the change', async () => {
    {
      const buyer = await createTestBuyer();
      const [mugs, bowls] = [await stock(sellerA, 5), await stock(sellerA, 5)];
      const order = await paidOrder(buyer, [line(sellerA, mugs, 3, 1_000), line(sellerA, bowls, 1, 4_000)]);
      const sellerOrderId = order.sellerOrders[0]!.id;
      const admin = await createTestAdmin();
      const input = {
        sellerOrderId,
        amount: 2_500,
        lines: [{ sku: mugs, quantity: 2 }],
        reason: 'Two mugs arrived chipped',
        idempotencyKey: `admin-${ulid()}`,
      };
      const above = await stack.gql(ADMIN_REFUND, { input }, admin.token);
      expect(errorCode(above)).toBe('BAD_USER_INPUT');
      expect(above.errors![0]!.message).toMatch(/exceeds the 2000 .* the chosen lines cost/);
      const unknown = await stack.gql(
        ADMIN_REFUND,
        { input: { ...input, amount: 100, lines: [{ sku: 'NOT-BOUGHT', quantity: 1 }] } },
        admin.token,
      );
      expect(errorCode(unknown)).toBe('BAD_USER_INPUT');

      const partial = await stack.gql(ADMIN_REFUND, { input: { ...input, amount: 1_500 } }, admin.token);
      expect(partial.errors).toBeUndefined();
      expect(partial.data!.refundSellerOrder).toMatchObject({
        status: 'refunded',
        acceptedAmount: 1_500,
        lines: [{ sku: mugs, quantity: 2, unitPrice: 1_000 }],
      });
      // Only one mug is left to refund by line.
      const more = await stack.gql(
        ADMIN_REFUND,
        { input: { ...input, amount: 1_000, idempotencyKey: `admin-${ulid()}` } },
        admin.token,
      );
      expect(more.errors![0]!.message).toMatch(/Only 1 of .* can still be returned/);

      const refundId = partial.data!.refundSellerOrder.id;
      // Written to the outbox with the change (ADR 0020).
      const records = (await stack.outboxEvents(sellerA.tenantId))
        .filter((event) => event.type === 'audit.recorded')
        .map((event) => event.payload as any)
        .filter((entry) => entry.action === 'order.refund' && entry.targetId === sellerOrderId);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        actorId: admin.userId,
        service: 'orders',
        tenantId: sellerA.tenantId,
        targetType: 'seller-order',
        targetId: sellerOrderId,
        reason: 'Two mugs arrived chipped',
        after: {
          refundRequestId: refundId,
          amount: 1_500,
          status: 'refunded',
          lines: [{ sku: mugs, quantity: 2 }],
        },
        read: false,
      });
    }
  });

  it('lets the seller decline with a reason the buyer sees, and an admin refund the rest', async () => {
    const buyer = await createTestBuyer();
    const sku = await stock(sellerA, 5);
    const order = await paidOrder(buyer, [line(sellerA, sku, 2, 2_500)]);
    const sellerOrderId = order.sellerOrders[0]!.id;

    const asked = await stack.gql(
      REQUEST_REFUND,
      {
        input: {
          sellerOrderId,
          lines: [{ sku, quantity: 2 }],
          reason: 'Changed my mind',
          idempotencyKey: `return-${ulid()}`,
        },
      },
      buyer.token,
    );
    const id = asked.data!.requestRefund.id;
    expect(
      (
        await stack.gql(SELLER_REQUESTS, { status: 'requested' }, sellerA.owner.token)
      ).data!.refundRequests.nodes.map((node: any) => node.id),
    ).toContain(id);
    const declined = await stack.gql(
      DECLINE,
      { id, reason: 'Opened and used; not returnable' },
      sellerA.owner.token,
    );
    expect(declined.data!.declineRefundRequest).toMatchObject({
      status: 'declined',
      decisionReason: 'Opened and used; not returnable',
    });
    expect(errorCode(await stack.gql(ACCEPT, { id }, sellerA.owner.token))).toBe('CONFLICT');
    expect((await stack.gql(MY_REQUESTS, {}, buyer.token)).data!.myRefundRequests.nodes).toEqual([
      expect.objectContaining({ id, status: 'declined', decisionReason: 'Opened and used; not returnable' }),
    ]);
    expect(await moneyOf(order.id)).toEqual({ refunds: [], reversals: [] });

    const admin = await createTestAdmin();
    const adminInput = {
      sellerOrderId,
      amount: 5_000,
      reason: 'Goodwill: courier lost the parcel',
      idempotencyKey: `admin-${ulid()}`,
    };
    expect(errorCode(await stack.gql(ADMIN_REFUND, { input: adminInput }, sellerA.owner.token))).toBe(
      'FORBIDDEN',
    );
    const refunded = await stack.gql(ADMIN_REFUND, { input: adminInput }, admin.token);
    expect(refunded.errors).toBeUndefined();
    expect(refunded.data!.refundSellerOrder).toMatchObject({ status: 'refunded', acceptedAmount: 5_000 });
    expect(
      (await stack.gql(ADMIN_REFUND, { input: adminInput }, admin.token)).data!.refundSellerOrder.id,
    ).toBe(refunded.data!.refundSellerOrder.id);
    const over = await stack.gql(
      ADMIN_REFUND,
      { input: { ...adminInput, amount: 1, idempotencyKey: `admin-${ulid()}` } },
      admin.token,
    );
    // Fully refunded already: payments refuses, and the refused attempt leaves no request behind.
    expect(errorCode(over)).toBe('CONFLICT');
    expect(over.errors![0]!.message).toMatch(/is refunded: nothing to refund/);
    expect(
      (await stack.gql(SELLER_REQUESTS, {}, sellerA.owner.token)).data!.refundRequests.nodes.filter(
        (node: any) => node.sellerOrderId === sellerOrderId,
      ),
    ).toHaveLength(2);
    const money = await moneyOf(order.id);
    expect(money.refunds.map((entry) => entry.amount)).toEqual([5_000]);
    expect(money.reversals.map((entry) => entry.amount)).toEqual([4_500]);

    const seen = await eventually(
      async () => (await stack.gql(MY_ORDER, { id: order.id }, buyer.token)).data!.myOrder,
      (view) => view.status === 'refunded',
    );
    expect(seen.sellerOrders.map((s: any) => s.status)).toEqual(['refunded']);
  });
});
