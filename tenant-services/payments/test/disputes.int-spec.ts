/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { createTestAdmin, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import {
  ONBOARDING_LINKS,
  settledOrder,
  START_ONBOARDING,
  startPaymentsApp,
  type PaymentsTestApp,
} from './support';

const DISPUTES = `query { disputes(first: 20) {
  nodes { providerDisputeId buyerOrderId amount status allocations { tenantId sellerOrderId amount mode status } }
  pageInfo { hasNextPage }
} }`;
const LEDGER = `query { sellerLedger(first: 50) { nodes { kind amount balanceAfter sellerOrderId } } }`;

/**
 * Disputes (ADR 0023): `charge.dispute.*` webhooks signed with the Stripe SDK's test header take each seller's share
 * of the disputed amount back while the dispute is open, pay it again when the platform wins, and show in the
 * sellers' ledgers and to admins. Stripe adapter against stripe-mock, real MariaDB, Kafka and Keycloak.
 */
describe('payments: disputes (stripe-mock)', () => {
  let app: PaymentsTestApp;
  let sellerA: TestTenant;
  let sellerB: TestTenant;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_disputes' });
    [sellerA, sellerB, admin] = await Promise.all([
      createTestTenant(),
      createTestTenant(),
      createTestAdmin(),
    ]);
    for (const seller of [sellerA, sellerB]) {
      expect(
        (await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, seller.owner.token)).errors,
      ).toBeUndefined();
    }
  });
  afterAll(() => app.close());

  async function twoSellerOrder() {
    const { buyerOrderId, intentId, sellerOrderIds, transfers } = await settledOrder(app, [
      { tenantId: sellerA.tenantId, subtotal: 6_000 },
      { tenantId: sellerB.tenantId, subtotal: 4_000 },
    ]);
    expect(transfers.map((transfer) => transfer.status)).toEqual(['created', 'created']);
    const [orderA, orderB] = sellerOrderIds as [string, string];
    return { buyerOrderId, intentId, orderA, orderB };
  }

  const dispute = (id: string, intentId: string, status: string, eventId = `evt_${ulid()}`) =>
    app.webhook({
      id: eventId,
      type: status === 'needs_response' ? 'charge.dispute.created' : 'charge.dispute.closed',
      object: {
        id,
        object: 'dispute',
        amount: 5_000,
        currency: 'eur',
        payment_intent: intentId,
        reason: 'product_not_received',
        status,
      },
    });

  const ledgerOf = async (seller: TestTenant, sellerOrderId: string) =>
    ((await app.gql(LEDGER, {}, seller.owner.token)).data!.sellerLedger.nodes as any[])
      .filter((entry) => entry.sellerOrderId === sellerOrderId)
      .reverse()
      .map((entry) => [entry.kind, entry.amount]);

  it('takes the disputed shares back pro rata while open and pays them again when the platform wins', async () => {
    const { intentId, orderA, orderB } = await twoSellerOrder();
    const disputeId = `dp_${ulid()}`;
    const eventId = `evt_${ulid()}`;
    expect((await dispute(disputeId, intentId, 'needs_response', eventId)).body.outcome).toBe('processed');
    // Stripe redelivers the event, or sends another for the same dispute: nothing is taken twice.
    expect((await dispute(disputeId, intentId, 'needs_response', eventId)).body.outcome).toBe('duplicate');
    expect((await dispute(disputeId, intentId, 'needs_response')).body.outcome).toBe('ignored');

    // 5 000 of 10 000 disputed: A's 6 000 bears 3 000, B's 4 000 bears 2 000; each seller loses that minus 10 %.
    expect(await ledgerOf(sellerA, orderA)).toEqual([
      ['sale', 6_000],
      ['commission', -600],
      ['payout', -5_400],
      ['dispute', -2_700],
      ['reversal', 2_700],
    ]);
    expect(await ledgerOf(sellerB, orderB)).toEqual([
      ['sale', 4_000],
      ['commission', -400],
      ['payout', -3_600],
      ['dispute', -1_800],
      ['reversal', 1_800],
    ]);
    expect(
      await app.count(
        sql`select count(*) as n from transfer_reversals where dispute_allocation_id is not null and status = 'succeeded' and provider_reversal_id like 'trr_%' and tenant_id in (${sellerA.tenantId}, ${sellerB.tenantId})`,
      ),
    ).toBe(2);

    const listed = await app.gql(DISPUTES, {}, admin.token);
    expect(listed.errors).toBeUndefined();
    expect(
      listed.data!.disputes.nodes.find((node: any) => node.providerDisputeId === disputeId),
    ).toMatchObject({
      amount: 5_000,
      status: 'open',
      allocations: expect.arrayContaining([
        {
          tenantId: sellerA.tenantId,
          sellerOrderId: orderA,
          amount: 2_700,
          mode: 'reversal',
          status: 'held',
        },
        {
          tenantId: sellerB.tenantId,
          sellerOrderId: orderB,
          amount: 1_800,
          mode: 'reversal',
          status: 'held',
        },
      ]),
    });
    expect((await app.gql(DISPUTES, {}, sellerA.owner.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    // The admin's listing is an audited cross-tenant read (ADR 0020); the refused one recorded nothing.
    const reads = (await app.outboxEvents('platform'))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload as Record<string, unknown>)
      .filter((entry) => entry['action'] === 'disputes.read');
    expect(reads).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        service: 'payments',
        targetType: 'dispute-list',
        read: true,
      }),
    ]);

    expect((await dispute(disputeId, intentId, 'won')).body.outcome).toBe('processed');
    expect((await dispute(disputeId, intentId, 'won')).body.outcome).toBe('ignored');
    expect((await ledgerOf(sellerA, orderA)).slice(5)).toEqual([
      ['dispute', 2_700],
      ['payout', -2_700],
    ]);
    const [balanceA] = (await app.gql(LEDGER, {}, sellerA.owner.token)).data!.sellerLedger.nodes;
    expect(balanceA.balanceAfter).toBe(0);
    const after = (await app.gql(DISPUTES, {}, admin.token)).data!.disputes.nodes.find(
      (node: any) => node.providerDisputeId === disputeId,
    );
    expect(after.status).toBe('won');
    expect(after.allocations.map((allocation: any) => allocation.status)).toEqual(['returned', 'returned']);
  });

  it('keeps the shares taken when the dispute is lost, and refuses a forged dispute', async () => {
    const { intentId, orderA } = await twoSellerOrder();
    const disputeId = `dp_${ulid()}`;
    const forged = await app.webhook(
      {
        type: 'charge.dispute.created',
        object: {
          id: disputeId,
          amount: 5_000,
          currency: 'eur',
          payment_intent: intentId,
          status: 'needs_response',
        },
      },
      't=1,v1=0000',
    );
    expect(forged.status).toBe(400);
    expect(
      await app.count(sql`select count(*) as n from disputes where provider_dispute_id = ${disputeId}`),
    ).toBe(0);

    await dispute(disputeId, intentId, 'needs_response');
    expect((await dispute(disputeId, intentId, 'lost')).body.outcome).toBe('processed');
    expect(await ledgerOf(sellerA, orderA)).toEqual([
      ['sale', 6_000],
      ['commission', -600],
      ['payout', -5_400],
      ['dispute', -2_700],
      ['reversal', 2_700],
    ]);
    expect(
      await app.count(
        sql`select count(*) as n from dispute_allocations a join disputes d on d.id = a.dispute_id where d.provider_dispute_id = ${disputeId} and d.status = 'lost' and a.status = 'lost'`,
      ),
    ).toBe(2);
  });
});
