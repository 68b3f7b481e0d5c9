/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  createRoleIdentities,
  createTestTenant,
  errorCode,
  type RoleIdentities,
  type TestTenant,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  ONBOARDING_LINKS,
  paidOrder,
  START_ONBOARDING,
  startPaymentsApp,
  type PaymentsTestApp,
} from './support';

const ORDER_PAYMENT = `query($id: ID!) {
  orderPayment(buyerOrderId: $id) {
    buyerOrderId provider status amount currency refunded
    transfers { sellerId sellerOrderId subtotal commission amount status reversedAmount }
    refunds { sellerOrderId amount status }
    disputes { id }
  }
}`;
const LEDGER = `query($id: ID!) {
  sellerLedgerOverview(sellerId: $id, latest: 5) {
    balances { currency balance } held { currency amount transfers } entries { kind amount currency }
  }
}`;

/** The order page's money and the seller page's ledger, on the real payments service (test provider). */
describe('payments: admin order money and seller ledger (audited cross-tenant reads)', () => {
  let app: PaymentsTestApp;
  let roles: RoleIdentities;
  let payable: TestTenant;
  let unpaid: TestTenant;

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'test' });
    [roles, payable, unpaid] = await Promise.all([
      createRoleIdentities(),
      createTestTenant(),
      createTestTenant(),
    ]);
    const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, payable.owner.token);
    expect(started.errors).toBeUndefined();
  });
  afterAll(() => app.close());

  const admin = (query: string, variables: Record<string, unknown>) =>
    app.gql(query, variables, roles.admin.token);

  it("shows a checkout's payment, each seller's transfer and its refunds, and audits the read", async () => {
    const { buyerOrderId } = await paidOrder(app, 8_000);
    const [paidOrderId, heldOrderId] = [ulid(), ulid()];
    const settled = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [
        { sellerOrderId: paidOrderId, tenantId: payable.tenantId, subtotal: 5_000, commissionBps: 1_000 },
        { sellerOrderId: heldOrderId, tenantId: unpaid.tenantId, subtotal: 3_000, commissionBps: 1_000 },
      ],
    });
    expect(settled.status).toBe(200);
    const refunded = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      sellerOrderId: paidOrderId,
      amount: 1_000,
      idempotencyKey: `refund-${buyerOrderId}`,
    });
    expect(refunded.status).toBe(200);

    const answer = await admin(ORDER_PAYMENT, { id: buyerOrderId });
    expect(answer.errors).toBeUndefined();
    const payment = answer.data!.orderPayment;
    expect(payment).toMatchObject({
      buyerOrderId,
      provider: 'test',
      status: expect.any(String),
      amount: 8_000,
      currency: 'EUR',
      refunded: 1_000,
      refunds: [{ sellerOrderId: paidOrderId, amount: 1_000, status: 'succeeded' }],
      disputes: [],
    });
    expect(payment.transfers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sellerId: payable.tenantId,
          sellerOrderId: paidOrderId,
          subtotal: 5_000,
          commission: 500,
          amount: 4_500,
          status: 'created',
        }),
        expect.objectContaining({
          sellerId: unpaid.tenantId,
          sellerOrderId: heldOrderId,
          amount: 2_700,
          status: 'held',
        }),
      ]),
    );
    expect(payment.transfers).toHaveLength(2);

    const reads = (await app.outboxEvents())
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload as any)
      .filter((entry) => entry.action === 'payment.read' && entry.targetId === buyerOrderId);
    expect(reads).toEqual([
      expect.objectContaining({ actorId: roles.admin.userId, read: true, targetType: 'buyer-order' }),
    ]);

    expect((await admin(ORDER_PAYMENT, { id: ulid() })).data!.orderPayment).toBeNull();
    expect(errorCode(await admin(ORDER_PAYMENT, { id: 'nope' }))).toBe('BAD_USER_INPUT');
  });

  it("shows a seller's balance, held shares and latest entries, and audits the read", async () => {
    const { buyerOrderId } = await paidOrder(app, 2_000);
    const settled = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [
        { sellerOrderId: ulid(), tenantId: unpaid.tenantId, subtotal: 2_000, commissionBps: 1_000 },
      ],
    });
    expect(settled.status).toBe(200);

    const answer = await admin(LEDGER, { id: unpaid.tenantId });
    expect(answer.errors).toBeUndefined();
    const ledger = answer.data!.sellerLedgerOverview;
    // Nothing reached the unpaid seller: the platform owes it every share (2 700 + 1 800), held.
    expect(ledger.balances).toEqual([{ currency: 'EUR', balance: 4_500 }]);
    expect(ledger.held).toEqual([{ currency: 'EUR', amount: 4_500, transfers: 2 }]);
    expect(ledger.entries.length).toBeGreaterThanOrEqual(3);
    expect(ledger.entries.length).toBeLessThanOrEqual(5);
    expect(ledger.entries.map((entry: any) => entry.kind)).toEqual(expect.arrayContaining(['hold']));

    const reads = (await app.outboxEvents(unpaid.tenantId))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload as any)
      .filter((entry) => entry.action === 'ledger.read');
    expect(reads).toEqual([
      expect.objectContaining({ actorId: roles.admin.userId, tenantId: unpaid.tenantId, read: true }),
    ]);
    expect(errorCode(await admin(LEDGER, { id: 'not-a-seller' }))).toBe('BAD_USER_INPUT');
  });

  it('refuses sellers, staff, buyers and API clients both reads', async () => {
    for (const token of [
      roles.tenant.owner.token,
      roles.tenant.staff.token,
      roles.buyer.token,
      roles.apiClient.token,
    ]) {
      expect(errorCode(await app.gql(ORDER_PAYMENT, { id: ulid() }, token))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(LEDGER, { id: roles.tenant.tenantId }, token))).toBe('FORBIDDEN');
    }
  });
});
