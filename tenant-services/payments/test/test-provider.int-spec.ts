/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { ONBOARDING_LINKS, START_ONBOARDING, startPaymentsApp, type PaymentsTestApp } from './support';

/** The built-in test provider (no network): declines, pending transfers and failed reversals retried by the sweeper. */
describe('payments: built-in test provider', () => {
  let app: PaymentsTestApp;
  let onboarded: TestTenant;

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'test' });
    onboarded = await createTestTenant();
    const started = await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, onboarded.owner.token);
    expect(started.data!.startPayoutOnboarding.account.accountId).toMatch(/^acct_test_/);
  });
  afterAll(() => app.close());

  async function payment(amount: number) {
    const buyerOrderId = ulid();
    await app.call('POST', '/internal/payments', {
      buyerOrderId,
      amount,
      currency: 'EUR',
      idempotencyKey: `checkout-${buyerOrderId}`,
    });
    const confirmed = await app.call('POST', `/internal/payments/${buyerOrderId}/confirm`);
    return { buyerOrderId, confirmed };
  }

  it('declines an amount ending in 02: payment failed, payment.failed published, nothing to settle or refund', async () => {
    const { buyerOrderId, confirmed } = await payment(4_502);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'failed', failureReason: 'Your card was declined.' });
    const events = await app.outboxEvents(buyerOrderId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'payment.failed',
        tenantId: null,
        payload: expect.objectContaining({ buyerOrderId, amount: 4_502 }),
      }),
    ]);
    const settle = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [
        { sellerOrderId: ulid(), tenantId: onboarded.tenantId, subtotal: 4_000, commissionBps: 1_000 },
      ],
    });
    expect(settle.status).toBe(409);
    const refund = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      amount: 100,
      idempotencyKey: `r-${ulid()}`,
    });
    expect(refund.status).toBe(409);
    expect(
      await app.count(sql`select count(*) as n from ledger_entries where buyer_order_id = ${buyerOrderId}`),
    ).toBe(0);

    const again = await app.call('POST', `/internal/payments/${buyerOrderId}/confirm`);
    expect(again.body.status).toBe('failed');
    expect(await app.outboxEvents(buyerOrderId)).toHaveLength(1);
  });

  it('creates and confirms in one call when asked (confirm: true): charged once however often it is repeated', async () => {
    const buyerOrderId = ulid();
    const request = {
      buyerOrderId,
      amount: 3_000,
      currency: 'EUR',
      idempotencyKey: buyerOrderId,
      confirm: true,
    };
    const first = await app.call('POST', '/internal/payments', request);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      buyerOrderId,
      status: 'succeeded',
      failureReason: null,
      provider: 'test',
    });
    // Answered as a read of the payment answers it.
    expect((await app.call('GET', `/internal/payments/${buyerOrderId}`)).body.payment).toEqual(first.body);

    const again = await app.call('POST', '/internal/payments', request);
    expect(again.body).toEqual(first.body);
    expect((await app.call('POST', `/internal/payments/${buyerOrderId}/confirm`)).body).toEqual(first.body);
    expect((await app.outboxEvents(buyerOrderId)).map((event) => event.type)).toEqual(['payment.succeeded']);
    expect(
      await app.count(
        sql`select count(*) as n from ledger_entries where buyer_order_id = ${buyerOrderId} and kind = 'charge'`,
      ),
    ).toBe(1);

    // Other terms for the same buyer order are refused, confirmed or not, and change nothing.
    const other = await app.call('POST', '/internal/payments', { ...request, amount: 3_100 });
    expect(other.status).toBe(409);
    const bad = await app.call('POST', '/internal/payments', { ...request, confirm: 'yes' });
    expect(bad.status).toBe(400);
  });

  it('declines in the same call when created with confirm: true (an amount ending in 02)', async () => {
    const buyerOrderId = ulid();
    const created = await app.call('POST', '/internal/payments', {
      buyerOrderId,
      amount: 2_502,
      currency: 'EUR',
      idempotencyKey: buyerOrderId,
      confirm: true,
    });
    expect(created.body).toMatchObject({ status: 'failed', failureReason: 'Your card was declined.' });
    expect((await app.outboxEvents(buyerOrderId)).map((event) => event.type)).toEqual(['payment.failed']);
  });

  it('holds a transfer until the seller has a payout account, then the sweeper releases it', async () => {
    const later = await createTestTenant();
    const { buyerOrderId, confirmed } = await payment(5_000);
    expect(confirmed.body.status).toBe('succeeded');
    const sellerOrderId = ulid();
    const settled = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [{ sellerOrderId, tenantId: later.tenantId, subtotal: 5_000, commissionBps: 800 }],
    });
    expect(settled.body.transfers).toEqual([
      expect.objectContaining({
        status: 'held',
        attempts: 0,
        lastError: 'The seller has no payout account yet',
        amount: 4_600,
      }),
    ]);
    // Held transfers of sellers who still cannot be paid are left alone by the sweeper.
    expect((await app.sweeper.sweep()).transfers).toBe(0);

    await app.gql(START_ONBOARDING, { input: ONBOARDING_LINKS }, later.owner.token);
    await app.sweeper.sweep();
    const transfers = await app.gql(
      '{ payoutTransfers { nodes { sellerOrderId status amount } } }',
      {},
      later.owner.token,
    );
    expect(transfers.data!.payoutTransfers.nodes).toEqual([
      { sellerOrderId, status: 'CREATED', amount: 4_600 },
    ]);
    expect((await app.outboxEvents(buyerOrderId)).map((event) => event.type)).toEqual([
      'payment.succeeded',
      'transfer.created',
    ]);
    const { ledger } = (await app.call('GET', `/internal/payments/${buyerOrderId}`)).body as {
      ledger: any[];
    };
    expect(ledger.map((entry) => [entry.kind, entry.amount])).toEqual([
      ['charge', 5_000],
      ['commission', 400],
      ['hold', 4_600],
      ['release', 4_600],
      ['transfer', 4_600],
    ]);
  });

  it('records a reversal the seller balance cannot cover and retries it on every sweep', async () => {
    const { buyerOrderId } = await payment(9_000);
    const sellerOrderId = ulid();
    await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [{ sellerOrderId, tenantId: onboarded.tenantId, subtotal: 9_000, commissionBps: 1_000 }],
    });
    // Refund 2 780: the seller's share of it is 2 502, which the test provider's "seller balance" refuses.
    const refund = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      sellerOrderId,
      amount: 2_780,
      idempotencyKey: `r-${ulid()}`,
    });
    expect(refund.body.refund).toMatchObject({ status: 'succeeded', amount: 2_780 });

    const reversal = sql`select status, attempts, amount, last_error as lastError from transfer_reversals where refund_id = ${refund.body.refund.id}`;
    const [first] = (await app.database.db.execute(reversal))[0] as unknown as any[];
    expect(first).toMatchObject({
      status: 'failed',
      attempts: 1,
      amount: 2_502,
      lastError: expect.stringMatching(/balance is too low/),
    });

    await app.sweeper.sweep();
    const [second] = (await app.database.db.execute(reversal))[0] as unknown as any[];
    expect(second).toMatchObject({ status: 'failed', attempts: 2 });

    const transfers = await app.gql(
      '{ payoutTransfers(first: 100) { nodes { sellerOrderId reversalStatus reversedAmount } } }',
      {},
      onboarded.owner.token,
    );
    expect(transfers.data!.payoutTransfers.nodes).toContainEqual({
      sellerOrderId,
      reversalStatus: 'FAILED',
      reversedAmount: 2_502,
    });
    const ledger = (await app.call('GET', `/internal/payments/${buyerOrderId}`)).body.ledger as any[];
    expect(ledger.map((entry) => entry.kind)).not.toContain('transfer_reversal');
  });

  it('pages transfers with an opaque cursor and refuses a forged one', async () => {
    const { buyerOrderId } = await payment(2_000);
    await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [1, 2].map(() => ({
        sellerOrderId: ulid(),
        tenantId: onboarded.tenantId,
        subtotal: 1_000,
        commissionBps: 0,
      })),
    });
    const first = await app.gql(
      '{ payoutTransfers(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }',
      {},
      onboarded.owner.token,
    );
    const page = first.data!.payoutTransfers;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await app.gql(
      'query($after: String) { payoutTransfers(first: 1, after: $after) { nodes { id } } }',
      { after: page.pageInfo.endCursor },
      onboarded.owner.token,
    );
    expect(next.data!.payoutTransfers.nodes[0].id).not.toBe(page.nodes[0].id);
    const forged = await app.gql(
      '{ payoutTransfers(after: "bm9wZQ") { nodes { id } } }',
      {},
      onboarded.owner.token,
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
