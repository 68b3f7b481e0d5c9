/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { createTestTenant, passwordToken, type TestTenant } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import {
  ONBOARDING_LINKS,
  paidOrder,
  START_ONBOARDING,
  startPaymentsApp,
  type PaymentsTestApp,
} from './support';

/** The Stripe adapter against stripe-mock, webhooks signed with the SDK, real MariaDB and Keycloak tokens. */
describe('payments: checkout payment, settlement, refunds, webhooks (stripe-mock)', () => {
  let app: PaymentsTestApp;
  let sellerA: TestTenant;
  let sellerB: TestTenant;
  const accountOf: Record<string, string> = {};

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_paymentsint' });
    [sellerA, sellerB] = await Promise.all([createTestTenant(), createTestTenant()]);
    for (const seller of [sellerA, sellerB]) {
      const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, seller.owner.token);
      expect(started.errors).toBeUndefined();
      accountOf[seller.tenantId] = started.data!.startPayoutOnboarding.account.accountId;
    }
  });
  afterAll(() => app.close());

  const ledgerCount = (buyerOrderId: string) =>
    app.count(sql`select count(*) as n from ledger_entries where buyer_order_id = ${buyerOrderId}`);

  it('onboards a seller once: the same Express account on every call, a provider link each time', async () => {
    const again = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, sellerA.owner.token);
    expect(again.data!.startPayoutOnboarding.account).toEqual({
      accountId: accountOf[sellerA.tenantId],
      payoutsEnabled: false,
      chargesEnabled: false,
    });
    expect(again.data!.startPayoutOnboarding.url).toMatch(/^https:\/\//);
    const bad = await app.gql(
      START_ONBOARDING,
      { input: { ...ONBOARDING_LINKS, returnUrl: 'javascript:alert(1)' } },
      sellerA.owner.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('creates one payment per buyer order (idempotent) and refuses other callers', async () => {
    const buyerOrderId = ulid();
    const command = {
      buyerOrderId,
      amount: 4_599,
      currency: 'EUR',
      idempotencyKey: `checkout-${buyerOrderId}`,
    };
    const first = await app.call('POST', '/internal/payments', command);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      buyerOrderId,
      amount: 4_599,
      currency: 'EUR',
      status: 'requires_payment',
      provider: 'stripe',
    });
    expect(first.body.intentId).toMatch(/^pi_/);
    expect(first.body.clientSecret).toEqual(expect.any(String));
    const again = await app.call('POST', '/internal/payments', command);
    expect(again.body.id).toBe(first.body.id);
    const otherTerms = await app.call('POST', '/internal/payments', { ...command, amount: 100 });
    expect(otherTerms.status).toBe(409);

    expect(
      (
        await app.call(
          'POST',
          '/internal/payments',
          { ...command, buyerOrderId: ulid() },
          sellerA.owner.token,
        )
      ).status,
    ).toBe(403);
    expect((await app.call('POST', '/internal/payments', command, null)).status).toBe(401);
    const invalid = await app.call('POST', '/internal/payments', {
      ...command,
      buyerOrderId: ulid(),
      amount: 12.5,
    });
    expect(invalid.status).toBe(400);
  });

  it('accepts a signed webhook once: a replay and a badly signed one change nothing', async () => {
    const buyerOrderId = ulid();
    const created = await app.call('POST', '/internal/payments', {
      buyerOrderId,
      amount: 2_500,
      currency: 'EUR',
      idempotencyKey: `checkout-${buyerOrderId}`,
    });
    const event = {
      id: `evt_${ulid()}`,
      type: 'payment_intent.succeeded',
      object: { id: created.body.intentId },
    };

    const forged = await app.webhook(
      event,
      't=1700000000,v1=0000000000000000000000000000000000000000000000000000000000000000',
    );
    expect(forged.status).toBe(400);
    expect((await app.call('GET', `/internal/payments/${buyerOrderId}`)).body.payment.status).toBe(
      'requires_payment',
    );

    expect((await app.webhook(event)).body.outcome).toBe('processed');
    expect((await app.webhook(event)).body.outcome).toBe('duplicate');
    const state = await app.call('GET', `/internal/payments/${buyerOrderId}`);
    expect(state.body.payment.status).toBe('succeeded');
    expect(state.body.ledger).toEqual([
      expect.objectContaining({ kind: 'charge', amount: 2_500, currency: 'EUR' }),
    ]);
    expect((await app.outboxEvents(buyerOrderId)).map((e) => e.type)).toEqual(['payment.succeeded']);

    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/payments_webhook_failures_total\{[^}]*reason="signature"[^}]*\} [1-9]/);
  });

  it('settles two sellers: one transfer each of subtotal − commission, and the ledger adds up', async () => {
    const { buyerOrderId } = await paidOrder(app, 10_000);
    const sellerOrders = [
      { sellerOrderId: ulid(), tenantId: sellerA.tenantId, subtotal: 6_000, commissionBps: 1_000 },
      { sellerOrderId: ulid(), tenantId: sellerB.tenantId, subtotal: 3_500, commissionBps: 1_250 },
    ];
    const settled = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, { sellerOrders });
    expect(settled.status).toBe(200);
    const transfers = settled.body.transfers as any[];
    expect(transfers).toHaveLength(2);
    const bySeller = Object.fromEntries(transfers.map((t) => [t.sellerOrderId, t]));
    expect(bySeller[sellerOrders[0]!.sellerOrderId]).toMatchObject({
      tenantId: sellerA.tenantId,
      amount: 5_400,
      commission: 600,
      status: 'created',
    });
    expect(bySeller[sellerOrders[1]!.sellerOrderId]).toMatchObject({
      tenantId: sellerB.tenantId,
      amount: 3_062,
      commission: 438,
      status: 'created',
    });
    for (const transfer of transfers) expect(transfer.providerTransferId).toMatch(/^tr_/);

    const { ledger } = (await app.call('GET', `/internal/payments/${buyerOrderId}`)).body as {
      ledger: any[];
    };
    const total = (kind: string) =>
      ledger.filter((e) => e.kind === kind).reduce((sum, e) => sum + e.amount, 0);
    expect(total('charge')).toBe(10_000);
    expect(total('transfer')).toBe(5_400 + 3_062);
    expect(total('commission')).toBe(600 + 438);
    // What the platform keeps: commissions plus what no seller order covered (e.g. shipping).
    expect(total('charge') - total('transfer')).toBe(total('commission') + 500);

    const events = await app.outboxEvents(buyerOrderId);
    expect(
      events
        .filter((e) => e.type === 'transfer.created')
        .map((e) => e.tenantId)
        .sort(),
    ).toEqual([sellerA.tenantId, sellerB.tenantId].sort());

    const repeated = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, { sellerOrders });
    // The first answer was built from the rows that settlement wrote; the repeated one reads them: the same.
    expect(repeated.body.transfers).toEqual(transfers);
    expect(await ledgerCount(buyerOrderId)).toBe(ledger.length);

    const tooMuch = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [
        { sellerOrderId: ulid(), tenantId: sellerA.tenantId, subtotal: 1_000, commissionBps: 0 },
      ],
    });
    expect(tooMuch.status).toBe(400);
  });

  it('refuses a refund above what was paid for the seller order, writing nothing; a valid one reverses the share', async () => {
    const { buyerOrderId } = await paidOrder(app, 8_000);
    const sellerOrderId = ulid();
    await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [
        { sellerOrderId, tenantId: sellerA.tenantId, subtotal: 5_000, commissionBps: 1_000 },
        { sellerOrderId: ulid(), tenantId: sellerB.tenantId, subtotal: 3_000, commissionBps: 1_000 },
      ],
    });
    const entriesBefore = await ledgerCount(buyerOrderId);

    const above = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      sellerOrderId,
      amount: 5_001,
      idempotencyKey: `refund-${ulid()}`,
    });
    expect(above.status).toBe(400);
    expect(above.body.message).toMatch(/exceeds the 5000 EUR still refundable for seller order/);
    expect(
      await app.count(sql`select count(*) as n from refunds where buyer_order_id = ${buyerOrderId}`),
    ).toBe(0);
    expect(await ledgerCount(buyerOrderId)).toBe(entriesBefore);

    const unnamed = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      amount: 100,
      idempotencyKey: `refund-${ulid()}`,
    });
    expect(unnamed.status).toBe(400);

    const key = `refund-${ulid()}`;
    const refunded = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      sellerOrderId,
      amount: 2_000,
      idempotencyKey: key,
    });
    expect(refunded.status).toBe(200);
    expect(refunded.body.refund).toMatchObject({ amount: 2_000, status: 'succeeded', sellerOrderId });
    const replay = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      sellerOrderId,
      amount: 2_000,
      idempotencyKey: key,
    });
    expect(replay.body.refund.id).toBe(refunded.body.refund.id);

    const { ledger } = (await app.call('GET', `/internal/payments/${buyerOrderId}`)).body as {
      ledger: any[];
    };
    expect(ledger.filter((e) => e.kind === 'refund')).toEqual([
      expect.objectContaining({ amount: 2_000, sellerOrderId }),
    ]);
    expect(ledger.filter((e) => e.kind === 'transfer_reversal')).toEqual([
      expect.objectContaining({ amount: 1_800, sellerOrderId, tenantId: sellerA.tenantId }),
    ]);
    // Stripe answered the refund succeeded: refund.created, then refund.succeeded, on the buyer order's key.
    expect(
      (await app.outboxEvents(buyerOrderId)).filter((e) => e.type.startsWith('refund.')).map((e) => e.type),
    ).toEqual(['refund.created', 'refund.succeeded']);

    const rest = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      sellerOrderId,
      amount: 3_001,
      idempotencyKey: `refund-${ulid()}`,
    });
    expect(rest.status).toBe(400);
    expect(rest.body.message).toMatch(/3000 EUR still refundable/);
  });

  it("keeps each tenant to its own payout account and transfers; account.updated changes only that tenant's", async () => {
    const { buyerOrderId } = await paidOrder(app, 3_000);
    const sellerOrderId = ulid();
    await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [{ sellerOrderId, tenantId: sellerB.tenantId, subtotal: 3_000, commissionBps: 1_000 }],
    });
    const query =
      '{ payoutAccount { accountId payoutsEnabled } payoutTransfers(first: 100) { nodes { sellerOrderId amount } } }';
    const seenByA = await app.gql(query, {}, sellerA.owner.token);
    expect(seenByA.data!.payoutAccount.accountId).toBe(accountOf[sellerA.tenantId]);
    const aOrders = seenByA.data!.payoutTransfers.nodes.map((node: any) => node.sellerOrderId);
    expect(aOrders).not.toContain(sellerOrderId);
    const seenByB = await app.gql(query, {}, sellerB.owner.token);
    expect(seenByB.data!.payoutAccount.accountId).toBe(accountOf[sellerB.tenantId]);
    expect(seenByB.data!.payoutTransfers.nodes).toContainEqual({
      sellerOrderId,
      amount: 2_700,
    });

    const updated = await app.webhook({
      type: 'account.updated',
      object: {
        id: accountOf[sellerB.tenantId],
        object: 'account',
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
        metadata: { tenantId: sellerB.tenantId },
      },
    });
    expect(updated.body.outcome).toBe('processed');
    // The webhook names account B but claims tenant A: nothing of A changes.
    const spoofed = await app.webhook({
      type: 'account.updated',
      object: {
        id: accountOf[sellerB.tenantId],
        payouts_enabled: true,
        metadata: { tenantId: sellerA.tenantId },
      },
    });
    expect(spoofed.body.outcome).toBe('ignored');
    expect(
      (await app.gql(query, {}, await passwordToken(sellerB.owner.email))).data!.payoutAccount.payoutsEnabled,
    ).toBe(true);
    expect((await app.gql(query, {}, sellerA.owner.token)).data!.payoutAccount.payoutsEnabled).toBe(false);

    const staffless = await app.gql(
      '{ payoutAccount { accountId } }',
      {},
      (await createTestTenant({ staff: true })).staff!.token,
    );
    expect(staffless.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('raises refund.succeeded once when Stripe reports a pending refund succeeded (refund.updated)', async () => {
    const { buyerOrderId } = await paidOrder(app, 4_000);
    const refunded = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      amount: 1_000,
      idempotencyKey: `refund-${ulid()}`,
    });
    const refundId = refunded.body.refund.id as string;
    // As if Stripe had answered the refund `pending` (bank transfers, some cards): money not back yet.
    await app.database.db.execute(sql`update refunds set succeeded_at = null where id = ${refundId}`);
    const [rows] = await app.database.db.execute(
      sql`select provider_refund_id from refunds where id = ${refundId}`,
    );
    const providerRefundId = (rows as unknown as { provider_refund_id: string }[])[0]!.provider_refund_id;
    const succeededEvents = async () =>
      (await app.outboxEvents(buyerOrderId)).filter((e) => e.type === 'refund.succeeded');
    const before = (await succeededEvents()).length;

    const stillPending = await app.webhook({
      type: 'refund.updated',
      object: { id: providerRefundId, object: 'refund', status: 'pending' },
    });
    expect(stillPending.body.outcome).toBe('ignored');
    const eventId = `evt_${ulid()}`;
    const succeeded = await app.webhook({
      id: eventId,
      type: 'refund.updated',
      object: { id: providerRefundId, object: 'refund', status: 'succeeded' },
    });
    expect(succeeded.body.outcome).toBe('processed');
    expect(
      (
        await app.webhook({
          id: eventId,
          type: 'refund.updated',
          object: { id: providerRefundId, object: 'refund', status: 'succeeded' },
        })
      ).body.outcome,
    ).toBe('duplicate');
    // Stripe also sends charge.refund.updated for the same change: reported once.
    const again = await app.webhook({
      type: 'charge.refund.updated',
      object: { id: providerRefundId, object: 'refund', status: 'succeeded' },
    });
    expect(again.body.outcome).toBe('ignored');
    const events = await succeededEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      tenantId: null,
      payload: {
        refundId,
        buyerOrderId,
        sellerOrderId: null,
        amount: 1_000,
        currency: 'EUR',
        providerRefundId,
      },
    });
    // A refund made in Stripe's dashboard is none of ours.
    expect(
      (
        await app.webhook({
          type: 'refund.updated',
          object: { id: `re_${ulid()}`, object: 'refund', status: 'succeeded' },
        })
      ).body.outcome,
    ).toBe('ignored');
  });

  it('tells the seller about payouts of its connected account (payout.paid, payout.failed), and only that seller', async () => {
    const payout = (id: string, status: string) => ({
      id,
      object: 'payout',
      amount: 12_345,
      currency: 'eur',
      arrival_date: Date.UTC(2026, 11, 3) / 1000,
      status,
    });
    const paidId = `po_${ulid()}`;
    const paid = await app.webhook({
      type: 'payout.paid',
      account: accountOf[sellerA.tenantId],
      object: payout(paidId, 'paid'),
    });
    expect(paid.body.outcome).toBe('processed');
    expect(await app.outboxEvents(paidId)).toEqual([
      expect.objectContaining({
        type: 'payout.paid',
        tenantId: sellerA.tenantId,
        payload: expect.objectContaining({
          payoutId: paidId,
          tenantId: sellerA.tenantId,
          amount: 12_345,
          currency: 'EUR',
          arrivalDate: '2026-12-03',
        }),
      }),
    ]);

    const failedId = `po_${ulid()}`;
    const failed = await app.webhook({
      type: 'payout.failed',
      account: accountOf[sellerB.tenantId],
      object: { ...payout(failedId, 'failed'), failure_code: 'account_closed', failure_message: 'Closed.' },
    });
    expect(failed.body.outcome).toBe('processed');
    expect(await app.outboxEvents(failedId)).toEqual([
      expect.objectContaining({
        type: 'payout.failed',
        tenantId: sellerB.tenantId,
        payload: expect.objectContaining({ failureCode: 'account_closed', failureMessage: 'Closed.' }),
      }),
    ]);

    // Another platform's account, or a payout of the platform's own balance (no account): nothing raised.
    for (const account of [`acct_${ulid()}`, undefined]) {
      const id = `po_${ulid()}`;
      const answer = await app.webhook({ type: 'payout.paid', account, object: payout(id, 'paid') });
      expect(answer.body.outcome).toBe('ignored');
      expect(await app.outboxEvents(id)).toEqual([]);
    }
  });
});
