import Stripe from 'stripe';
import { PaymentProviderError } from './payment-provider';
import { isDeclinedAmount, TestPaymentProvider } from './test-payment-provider';

const secret = 'whsec_unit_test';
const provider = new TestPaymentProvider(secret);
const intentRequest = (amount: number, idempotencyKey: string) => ({
  amount,
  currency: 'EUR',
  transferGroup: 'bo-1',
  idempotencyKey,
  metadata: {},
});

describe('TestPaymentProvider', () => {
  it('derives the same ids from the same idempotency key, and different ones otherwise', async () => {
    const first = await provider.createPaymentIntent(intentRequest(4_599, 'key-a'));
    const again = await provider.createPaymentIntent(intentRequest(4_599, 'key-a'));
    const other = await provider.createPaymentIntent(intentRequest(4_599, 'key-b'));
    expect(first.id).toBe(again.id);
    expect(other.id).not.toBe(first.id);
    expect(first).toMatchObject({
      status: 'requires_payment',
      clientSecret: expect.stringContaining(first.id),
    });
  });

  it('confirms ordinary amounts and declines amounts ending in 02, without keeping state', async () => {
    const paid = await provider.createPaymentIntent(intentRequest(4_599, 'key-paid'));
    const declined = await provider.createPaymentIntent(intentRequest(4_502, 'key-declined'));
    const fresh = new TestPaymentProvider(secret);
    await expect(fresh.confirmPaymentIntent(paid.id)).resolves.toMatchObject({ status: 'succeeded' });
    await expect(fresh.confirmPaymentIntent(declined.id)).resolves.toMatchObject({
      status: 'failed',
      failureReason: 'Your card was declined.',
    });
  });

  it('refuses an intent it never created', async () => {
    await expect(provider.confirmPaymentIntent('pi_unknown')).rejects.toBeInstanceOf(PaymentProviderError);
  });

  it('declines transfers, refunds and reversals of amounts ending in 02', async () => {
    expect(isDeclinedAmount(1_002)).toBe(true);
    expect(isDeclinedAmount(1_020)).toBe(false);
    await expect(
      provider.createTransfer({
        amount: 302,
        currency: 'EUR',
        destinationAccount: 'acct_1',
        transferGroup: 'g',
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({ code: 'balance_insufficient' });
    await expect(
      provider.refund({ paymentIntentId: 'pi', amount: 102, idempotencyKey: 'k' }),
    ).rejects.toBeInstanceOf(PaymentProviderError);
    await expect(
      provider.reverseTransfer({ transferId: 'tr', amount: 202, idempotencyKey: 'k' }),
    ).rejects.toMatchObject({
      code: 'balance_insufficient',
    });
    await expect(
      provider.reverseTransfer({ transferId: 'tr', amount: 200, idempotencyKey: 'k' }),
    ).resolves.toEqual({
      id: expect.stringMatching(/^trr_test_/),
    });
  });

  it('verifies webhooks with the Stripe signature scheme and refuses others', () => {
    const stripe = new Stripe('sk_test_unit', { telemetry: false });
    const payload = JSON.stringify({
      id: 'evt_1',
      type: 'account.updated',
      data: { object: { id: 'acct_1' } },
    });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(provider.verifyWebhook(Buffer.from(payload), header)).toEqual({
      id: 'evt_1',
      type: 'account.updated',
      object: { id: 'acct_1' },
    });
    const forged = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' });
    expect(() => provider.verifyWebhook(Buffer.from(payload), forged)).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
    expect(() => provider.verifyWebhook(Buffer.from(payload), undefined)).toThrow(/Missing/);
  });
});
