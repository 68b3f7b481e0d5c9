/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { payments, refunds } from '../src/payments/payment.schema';
import { PAYMENT_PROVIDER } from '../src/providers/providers';
import type { PaymentProvider } from '../src/providers/payment-provider';
import { paidOrder, startPaymentsApp, type PaymentsTestApp } from './support';

/**
 * Money that never gets stuck (ADR 0015): a zero subtotal settles without a transfer, and a refund interrupted
 * between Stripe's answer and the ledger is finished by the sweeper exactly once. Stripe adapter against
 * stripe-mock, webhooks signed with the SDK, real MariaDB and Keycloak.
 */
describe('payments: every settlement and refund reaches a terminal state (stripe-mock)', () => {
  let app: PaymentsTestApp;
  let seller: TestTenant;

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_terminal' });
    seller = await createTestTenant();
  });
  afterAll(() => app.close());

  const ledgerOf = async (buyerOrderId: string) =>
    ((await app.call('GET', `/internal/payments/${buyerOrderId}`)).body as { ledger: any[] }).ledger;

  it('settles a seller order of free lines without a transfer: not_required at once, idempotently', async () => {
    const { buyerOrderId } = await paidOrder(app, 2_500);
    const sellerOrders = [
      { sellerOrderId: ulid(), tenantId: seller.tenantId, subtotal: 0, commissionBps: 1_000 },
    ];
    const settled = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, { sellerOrders });
    expect(settled.status).toBe(200);
    expect(settled.body.transfers).toEqual([
      expect.objectContaining({ subtotal: 0, commission: 0, amount: 0, status: 'not_required' }),
    ]);
    expect(settled.body.transfers[0].providerTransferId).toBeNull();
    expect((await ledgerOf(buyerOrderId)).map((entry) => entry.kind)).toEqual(['charge']);

    const again = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, { sellerOrders });
    expect(again.body.transfers.map((t: any) => t.id)).toEqual(settled.body.transfers.map((t: any) => t.id));
    expect((await app.sweeper.sweep()).transfers).toBe(0);

    const negative = await app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
      sellerOrders: [{ sellerOrderId: ulid(), tenantId: seller.tenantId, subtotal: -1, commissionBps: 0 }],
    });
    expect(negative.status).toBe(400);
  });

  it('finishes a refund interrupted between Stripe and the ledger once, and leaves a refund in flight alone', async () => {
    const { buyerOrderId, intentId } = await paidOrder(app, 4_000);
    const [payment] = await app.database.db
      .select()
      .from(payments)
      .where(sql`${payments.buyerOrderId} = ${buyerOrderId}`);
    // What refund() had written when the process stopped: the reserved refund, then Stripe refunded it.
    const refundId = ulid();
    const reservedAt = new Date();
    await app.database.db.insert(refunds).values({
      id: refundId,
      idempotencyKey: `cancel-${buyerOrderId}`,
      paymentId: payment!.id,
      buyerOrderId,
      sellerOrderId: null,
      amount: 4_000,
      currency: 'EUR',
      status: 'pending',
      providerRefundId: null,
      failureReason: null,
      createdAt: reservedAt,
      updatedAt: reservedAt,
    });
    const provider = app.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    await provider.refund({ paymentIntentId: intentId, amount: 4_000, idempotencyKey: `refund-${refundId}` });

    // A refund this young may still be waiting for Stripe's answer in the request that made it.
    expect((await app.sweeper.sweep(new Date(reservedAt.getTime() + 60_000))).refunds).toBe(0);
    expect(
      await app.count(sql`select count(*) as n from refunds where id = ${refundId} and status = 'pending'`),
    ).toBe(1);

    const later = new Date(reservedAt.getTime() + 10 * 60_000);
    expect((await app.sweeper.sweep(later)).refunds).toBe(1);
    const [done] = await app.database.db
      .select()
      .from(refunds)
      .where(sql`${refunds.id} = ${refundId}`);
    expect(done).toMatchObject({ status: 'succeeded', providerRefundId: expect.stringMatching(/^re_/) });
    expect((await ledgerOf(buyerOrderId)).filter((entry) => entry.kind === 'refund')).toEqual([
      expect.objectContaining({ amount: 4_000, providerRef: done!.providerRefundId }),
    ]);
    expect((await app.call('GET', `/internal/payments/${buyerOrderId}`)).body.payment.status).toBe(
      'refunded',
    );
    const refundEvents = (await app.outboxEvents(buyerOrderId)).filter((e) => e.type === 'refund.created');
    expect(refundEvents).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ refundId }) }),
    ]);

    // The saga's retry with the same key answers the recorded refund; another sweep changes nothing.
    const retried = await app.call('POST', `/internal/payments/${buyerOrderId}/refunds`, {
      amount: 4_000,
      idempotencyKey: `cancel-${buyerOrderId}`,
    });
    expect(retried.body.refund).toMatchObject({ id: refundId, status: 'succeeded' });
    expect((await app.sweeper.sweep(new Date(later.getTime() + 60_000))).refunds).toBe(0);
    expect((await ledgerOf(buyerOrderId)).filter((entry) => entry.kind === 'refund')).toHaveLength(1);
  });
});
