import { ulid } from 'ulid';
import { startPaymentsApp, type PaymentsTestApp } from './support';

/**
 * The Stripe Payment Element path (ADR 0024): the buyer's browser confirms the intent with the publishable key,
 * declined attempts leave the payment open for another attempt on the same intent, and only the signed
 * `payment_intent.*` webhooks move the payment on. Stripe adapter against stripe-mock, webhooks signed by the SDK.
 */
describe('payments: confirmation in the browser (stripe-mock, signed webhooks)', () => {
  let app: PaymentsTestApp;
  const publishableKey = `pk_test_${ulid()}`;

  beforeAll(async () => {
    app = await startPaymentsApp({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_browserconfirm',
      STRIPE_PUBLISHABLE_KEY: publishableKey,
    });
  });
  afterAll(() => app.close());

  async function openPayment(amount: number) {
    const buyerOrderId = ulid();
    const created = await app.call('POST', '/internal/payments', {
      buyerOrderId,
      amount,
      currency: 'EUR',
      idempotencyKey: `checkout-${buyerOrderId}`,
    });
    expect(created.status).toBe(200);
    return { buyerOrderId, intentId: created.body.intentId as string, view: created.body };
  }
  const paymentOf = async (buyerOrderId: string) =>
    (await app.call('GET', `/internal/payments/${buyerOrderId}`)).body.payment;
  const eventTypes = async (buyerOrderId: string) =>
    (await app.outboxEvents(buyerOrderId)).map((event) => event.type);
  const declined = (intentId: string, message: string) => ({
    type: 'payment_intent.payment_failed',
    object: {
      id: intentId,
      object: 'payment_intent',
      status: 'requires_payment_method',
      last_payment_error: { type: 'card_error', code: 'card_declined', message },
    },
  });

  it('hands the browser the provider, the client secret and the publishable key, never a secret key', async () => {
    const { buyerOrderId, view } = await openPayment(5_000);
    expect(view).toMatchObject({ provider: 'stripe', publishableKey, status: 'requires_payment' });
    expect(view.clientSecret).toMatch(/^pi_\w+_secret_\w+$/);
    const read = await paymentOf(buyerOrderId);
    expect(read).toMatchObject({ provider: 'stripe', publishableKey, clientSecret: view.clientSecret });
    expect(JSON.stringify(read)).not.toContain('sk_test_');
    expect(read).not.toHaveProperty('idempotencyKey');
  });

  it('keeps a declined payment open; a second attempt on the same intent pays it, once', async () => {
    const { buyerOrderId, intentId } = await openPayment(5_000);
    const decline = await app.webhook(declined(intentId, 'Your card was declined.'));
    expect(decline).toEqual({ status: 200, body: { received: true, outcome: 'processed' } });
    expect(await paymentOf(buyerOrderId)).toMatchObject({
      status: 'requires_payment',
      failureReason: 'Your card was declined.',
    });
    expect(await eventTypes(buyerOrderId)).toEqual([]);

    const authentication = await app.webhook(
      declined(intentId, 'We are unable to authenticate your payment method.'),
    );
    expect(authentication.body.outcome).toBe('processed');
    expect((await paymentOf(buyerOrderId)).status).toBe('requires_payment');

    const success = { id: `evt_${ulid()}`, type: 'payment_intent.succeeded', object: { id: intentId } };
    expect((await app.webhook(success)).body.outcome).toBe('processed');
    expect(await paymentOf(buyerOrderId)).toMatchObject({ status: 'succeeded', failureReason: null });
    expect(await eventTypes(buyerOrderId)).toEqual(['payment.succeeded']);

    // A replayed success and a late decline of the paid intent change nothing.
    expect((await app.webhook(success)).body.outcome).toBe('duplicate');
    expect((await app.webhook(declined(intentId, 'late'))).body.outcome).toBe('ignored');
    expect(await paymentOf(buyerOrderId)).toMatchObject({ status: 'succeeded', failureReason: null });
    expect(await eventTypes(buyerOrderId)).toEqual(['payment.succeeded']);
  });

  it('fails the payment for good only when the intent is cancelled', async () => {
    const { buyerOrderId, intentId } = await openPayment(5_000);
    const cancelled = await app.webhook({
      type: 'payment_intent.canceled',
      object: { id: intentId, status: 'canceled', cancellation_reason: 'abandoned' },
    });
    expect(cancelled.body.outcome).toBe('processed');
    expect(await paymentOf(buyerOrderId)).toMatchObject({
      status: 'failed',
      failureReason: 'The payment was cancelled (abandoned)',
    });
    expect(await eventTypes(buyerOrderId)).toEqual(['payment.failed']);
    const after = { type: 'payment_intent.succeeded', object: { id: intentId } };
    expect((await app.webhook(after)).body.outcome).toBe('ignored');
  });

  it('refuses a decline signed with another secret and changes nothing', async () => {
    const { buyerOrderId, intentId } = await openPayment(5_000);
    const forged = await app.webhook(declined(intentId, 'forged'), 't=1,v1=deadbeef');
    expect(forged.status).toBe(400);
    expect(await paymentOf(buyerOrderId)).toMatchObject({ status: 'requires_payment', failureReason: null });
  });
});
