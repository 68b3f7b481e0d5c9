import { ulid } from 'ulid';
import { StripePaymentProvider } from '../src/providers/stripe-payment-provider';
import { PaymentProviderError } from '../src/providers/payment-provider';

// stripe-mock validates requests against Stripe's OpenAPI spec and answers with fixtures; it echoes some fields
// but keeps no state, so only what it honours is asserted.
describe('StripePaymentProvider against stripe-mock', () => {
  const apiBase = process.env.STRIPE_API_BASE;
  if (!apiBase) throw new Error('STRIPE_API_BASE is not set: run after eval "$(platform/stack/stack env)"');
  const provider = new StripePaymentProvider({
    secretKey: 'sk_test_payments',
    publishableKey: 'pk_test_payments',
    webhookSecret: 'whsec_x',
    apiBase,
  });

  it('creates a PaymentIntent in the buyer order transfer group', async () => {
    const buyerOrderId = ulid();
    const intent = await provider.createPaymentIntent({
      amount: 4_599,
      currency: 'EUR',
      transferGroup: buyerOrderId,
      idempotencyKey: `intent-${buyerOrderId}`,
      metadata: { buyerOrderId },
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(typeof intent.clientSecret).toBe('string');
  });

  it('creates a Transfer to a connected account', async () => {
    const transfer = await provider.createTransfer({
      amount: 3_900,
      currency: 'EUR',
      destinationAccount: `acct_${ulid()}`,
      transferGroup: ulid(),
      idempotencyKey: `transfer-${ulid()}`,
      metadata: { sellerOrderId: ulid() },
    });
    expect(transfer.id).toMatch(/^tr_/);
  });

  it('refunds a PaymentIntent and reverses a transfer', async () => {
    const refund = await provider.refund({
      paymentIntentId: `pi_${ulid()}`,
      amount: 1_200,
      idempotencyKey: `r-${ulid()}`,
    });
    expect(refund.id).toMatch(/^re_/);
    const reversal = await provider.reverseTransfer({
      transferId: `tr_${ulid()}`,
      amount: 500,
      idempotencyKey: `v-${ulid()}`,
    });
    expect(reversal.id).toMatch(/^trr_/);
  });

  it('creates an Express account and an onboarding link', async () => {
    const account = await provider.createExpressAccount({
      tenantId: ulid(),
      email: 'seller@example.test',
      country: 'DE',
    });
    expect(account.id).toMatch(/^acct_/);
    expect(typeof account.payoutsEnabled).toBe('boolean');
    const link = await provider.createOnboardingLink({
      accountId: account.id,
      returnUrl: 'https://seller.example.test/payouts/done',
      refreshUrl: 'https://seller.example.test/payouts/retry',
    });
    expect(link.url).toMatch(/^https:\/\//);
  });

  it('turns a request Stripe refuses (fractional minor units) into a PaymentProviderError', async () => {
    await expect(
      provider.createTransfer({
        amount: 12.5,
        currency: 'EUR',
        destinationAccount: 'acct_x',
        transferGroup: 'g',
        idempotencyKey: `bad-${ulid()}`,
      }),
    ).rejects.toBeInstanceOf(PaymentProviderError);
  });
});
