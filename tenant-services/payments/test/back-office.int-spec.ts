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
  settledOrder,
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

const PAYOUT_ACCOUNTS = `query($ids: [ID!]!) {
  sellerPayoutAccounts(sellerIds: $ids) {
    sellerId state accountId requirementsDue payoutsEnabled detailsSubmitted updatedAt
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
    const {
      buyerOrderId,
      sellerOrderIds: [paidOrderId, heldOrderId],
    } = await settledOrder(app, [
      { tenantId: payable.tenantId, subtotal: 5_000 },
      { tenantId: unpaid.tenantId, subtotal: 3_000 },
    ]);
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
    await settledOrder(app, [{ tenantId: unpaid.tenantId, subtotal: 2_000 }]);

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

  it("answers each seller's payout account (KYC) state in one batch, and audits a read per seller", async () => {
    const reviewing = await createTestTenant();
    const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, reviewing.owner.token);
    expect(started.errors).toBeUndefined();
    const accountId = started.data!.startPayoutOnboarding.account.accountId as string;
    const accountUpdated = (transfers: string, currentlyDue: string[], pastDue: string[]) =>
      app.webhook({
        type: 'account.updated',
        object: {
          id: accountId,
          object: 'account',
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: true,
          capabilities: { transfers },
          requirements: { currently_due: currentlyDue, past_due: pastDue },
          metadata: { tenantId: reviewing.tenantId },
        },
      });
    const due = await accountUpdated(
      'inactive',
      ['external_account', 'individual.id_number'],
      ['external_account'],
    );
    expect(due.body.outcome).toBe('processed');

    const ids = [unpaid.tenantId, reviewing.tenantId, payable.tenantId];
    const answer = await admin(PAYOUT_ACCOUNTS, { ids });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.sellerPayoutAccounts).toEqual([
      {
        sellerId: unpaid.tenantId,
        state: 'NO_ACCOUNT',
        accountId: null,
        requirementsDue: [],
        payoutsEnabled: false,
        detailsSubmitted: false,
        updatedAt: null,
      },
      expect.objectContaining({
        sellerId: reviewing.tenantId,
        state: 'REQUIREMENTS_DUE',
        accountId,
        requirementsDue: ['external_account', 'individual.id_number'],
        detailsSubmitted: true,
        updatedAt: expect.any(String),
      }),
      // The built-in provider's accounts may receive transfers at once (no KYC offline).
      expect.objectContaining({
        sellerId: payable.tenantId,
        state: 'TRANSFERS_ENABLED',
        requirementsDue: [],
      }),
    ]);

    // Nothing due any more, but the provider has not enabled transfers yet: in review.
    expect((await accountUpdated('pending', [], [])).body.outcome).toBe('processed');
    const reviewed = await admin(PAYOUT_ACCOUNTS, { ids: [reviewing.tenantId] });
    expect(reviewed.data!.sellerPayoutAccounts).toEqual([
      expect.objectContaining({ state: 'IN_REVIEW', requirementsDue: [] }),
    ]);

    const reads = (await app.outboxEvents(reviewing.tenantId))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload as any)
      .filter((entry) => entry.action === 'payout-account.read');
    expect(reads).toEqual([
      expect.objectContaining({ actorId: roles.admin.userId, tenantId: reviewing.tenantId, read: true }),
      expect.objectContaining({ actorId: roles.admin.userId, tenantId: reviewing.tenantId, read: true }),
    ]);
    expect(errorCode(await admin(PAYOUT_ACCOUNTS, { ids: ['not-a-seller'] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await admin(PAYOUT_ACCOUNTS, { ids: [] }))).toBe('BAD_USER_INPUT');
  });

  it('refuses sellers, staff, buyers and API clients every read', async () => {
    for (const token of [
      roles.tenant.owner.token,
      roles.tenant.staff.token,
      roles.buyer.token,
      roles.apiClient.token,
    ]) {
      expect(errorCode(await app.gql(ORDER_PAYMENT, { id: ulid() }, token))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(LEDGER, { id: roles.tenant.tenantId }, token))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(PAYOUT_ACCOUNTS, { ids: [roles.tenant.tenantId] }, token))).toBe(
        'FORBIDDEN',
      );
    }
  });
});
