/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import {
  ONBOARDING_LINKS,
  paidOrder,
  START_ONBOARDING,
  startPaymentsApp,
  type PaymentsTestApp,
} from './support';

const LEDGER = `query($first: Int, $after: String) {
  sellerLedger(first: $first, after: $after) {
    nodes { id kind amount currency balanceAfter sellerOrderId providerRef }
    pageInfo { hasNextPage endCursor }
  }
}`;
const STATEMENTS = `query($month: String!) {
  sellerStatements(month: $month) {
    month currency openingBalance sales commission refunds payouts reversals disputes held released
    closingBalance transferred entryCount
  }
}`;

/**
 * The seller's append-only ledger with running balance and its monthly statements (GraphQL and CSV), reconciled
 * with the Stripe transfers and reversals payments made (ADR 0018). Stripe adapter against stripe-mock, webhooks
 * signed with the SDK, real MariaDB, Kafka and Keycloak.
 */
describe('payments: seller ledger and monthly statements (stripe-mock)', () => {
  let app: PaymentsTestApp;
  let seller: TestTenant;
  let other: TestTenant;
  let accountId: string;
  const month = new Date().toISOString().slice(0, 7);

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_ledger' });
    [seller, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, seller.owner.token);
    accountId = started.data!.startPayoutOnboarding.account.accountId;
    await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, other.owner.token);
  });
  afterAll(() => app.close());

  function capability(transfers: string) {
    return app.webhook({
      type: 'account.updated',
      object: {
        id: accountId,
        object: 'account',
        capabilities: { transfers },
        metadata: { tenantId: seller.tenantId },
      },
    });
  }

  async function csv(token: string | null, file: string) {
    const response = await fetch(`${app.baseUrl}/api/v1/payouts/statements/${file}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  }

  it('records every movement with a running balance, and the statement reconciles with the transfers', async () => {
    // A sale paid out at once, then a partial refund with the reversal of the seller's share.
    const { buyerOrderId: first } = await paidOrder(app, 10_000);
    const firstOrder = ulid();
    await app.call('POST', `/internal/payments/${first}/settle`, {
      sellerOrders: [
        { sellerOrderId: firstOrder, tenantId: seller.tenantId, subtotal: 6_000, commissionBps: 1_000 },
      ],
    });
    const refunded = await app.call('POST', `/internal/payments/${first}/refunds`, {
      sellerOrderId: firstOrder,
      amount: 2_000,
      idempotencyKey: `refund-${ulid()}`,
    });
    expect(refunded.body.refund.status).toBe('succeeded');
    // A sale held while Stripe verifies the account, released by account.updated.
    expect((await capability('inactive')).body.outcome).toBe('processed');
    const { buyerOrderId: second } = await paidOrder(app, 3_000);
    const secondOrder = ulid();
    await app.call('POST', `/internal/payments/${second}/settle`, {
      sellerOrders: [
        { sellerOrderId: secondOrder, tenantId: seller.tenantId, subtotal: 3_000, commissionBps: 1_000 },
      ],
    });
    expect((await capability('active')).body.outcome).toBe('processed');
    // Bad input to the refund is refused and leaves the ledger alone.
    for (const amount of [-5, 0, 4_001]) {
      const refused = await app.call('POST', `/internal/payments/${first}/refunds`, {
        sellerOrderId: firstOrder,
        amount,
        idempotencyKey: `refund-${ulid()}`,
      });
      expect(refused.status).toBe(400);
    }

    const ledger = (await app.gql(LEDGER, { first: 50 }, seller.owner.token)).data!.sellerLedger;
    const oldestFirst = [...ledger.nodes].reverse();
    expect(oldestFirst.map((entry: any) => [entry.kind, entry.amount, entry.balanceAfter])).toEqual([
      ['sale', 6_000, 6_000],
      ['commission', -600, 5_400],
      ['payout', -5_400, 0],
      ['refund', -2_000, -2_000],
      ['commission', 200, -1_800],
      ['reversal', 1_800, 0],
      ['sale', 3_000, 3_000],
      ['commission', -300, 2_700],
      ['hold', 2_700, 2_700],
      ['release', 2_700, 2_700],
      ['payout', -2_700, 0],
    ]);
    expect(
      oldestFirst.filter((entry: any) => entry.kind === 'payout').map((entry: any) => entry.providerRef),
    ).toEqual([expect.stringMatching(/^tr_/), expect.stringMatching(/^tr_/)]);
    const page = (await app.gql(LEDGER, { first: 4 }, seller.owner.token)).data!.sellerLedger;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (await app.gql(LEDGER, { first: 50, after: page.pageInfo.endCursor }, seller.owner.token))
      .data!.sellerLedger;
    expect([...page.nodes, ...next.nodes].map((entry: any) => entry.id)).toEqual(
      ledger.nodes.map((entry: any) => entry.id),
    );

    const [statement] = (await app.gql(STATEMENTS, { month }, seller.owner.token)).data!.sellerStatements;
    expect(statement).toEqual({
      month,
      currency: 'EUR',
      openingBalance: 0,
      sales: 9_000,
      commission: -700,
      refunds: -2_000,
      payouts: -8_100,
      reversals: 1_800,
      disputes: 0,
      held: 2_700,
      released: 2_700,
      closingBalance: 0,
      transferred: 6_300,
      entryCount: 11,
    });
    // To the cent with what payments sent to Stripe: transfers made minus reversals made.
    const sent = await app.count(
      sql`select coalesce(sum(amount), 0) as n from transfers where tenant_id = ${seller.tenantId} and status = 'created'`,
    );
    const reversed = await app.count(
      sql`select coalesce(sum(amount), 0) as n from transfer_reversals where tenant_id = ${seller.tenantId} and status = 'succeeded'`,
    );
    expect(statement.transferred).toBe(sent - reversed);

    const file = await csv(seller.owner.token, `${month}.csv`);
    expect(file.status).toBe(200);
    expect(file.type).toMatch(/^text\/csv/);
    const rows = file.text.trim().split('\r\n');
    expect(rows[0]).toBe(
      'id,created_at,kind,currency,amount,balance_after,buyer_order_id,seller_order_id,provider_ref',
    );
    expect(rows).toHaveLength(12);
    const column = (name: string) => rows[0]!.split(',').indexOf(name);
    const csvTotal = (kind: string) =>
      rows
        .slice(1)
        .map((row) => row.split(','))
        .filter((cells) => cells[column('kind')] === kind)
        .reduce((sum, cells) => sum + Number(cells[column('amount')]), 0);
    expect(-csvTotal('payout') - csvTotal('reversal')).toBe(statement.transferred);

    expect(
      (await app.gql(STATEMENTS, { month: '2001-01' }, seller.owner.token)).data!.sellerStatements,
    ).toEqual([]);
  });

  it("keeps each tenant's ledger to itself and refuses bad months and callers", async () => {
    expect((await app.gql(LEDGER, { first: 50 }, other.owner.token)).data!.sellerLedger.nodes).toEqual([]);
    expect((await app.gql(STATEMENTS, { month }, other.owner.token)).data!.sellerStatements).toEqual([]);
    expect((await csv(other.owner.token, `${month}.csv`)).text.trim().split('\r\n')).toHaveLength(1);
    const bad = await app.gql(STATEMENTS, { month: '2026-13' }, seller.owner.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await csv(seller.owner.token, 'last-month.csv')).status).toBe(400);
    expect((await csv(null, `${month}.csv`)).status).toBe(401);
    const staff = (await createTestTenant({ staff: true })).staff!;
    expect((await app.gql(STATEMENTS, { month }, staff.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
