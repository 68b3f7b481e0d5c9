import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { stackEnv } from './stack-env';

// stripe-mock validates requests against Stripe's OpenAPI spec and answers with fixtures: it echoes
// some of the fields we send, but keeps no state. Only what it really honours is asserted here.
describe('stripe-mock (local stack)', () => {
  const base = new URL(stackEnv('STRIPE_API_BASE'));
  const stripe = new Stripe('sk_test_stacksmoke', {
    host: base.hostname,
    port: base.port,
    protocol: base.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });

  it('creates a PaymentIntent for a buyer checkout', async () => {
    const checkoutId = randomUUID();
    const intent = await stripe.paymentIntents.create(
      {
        amount: 4599,
        currency: 'eur',
        transfer_group: checkoutId,
        metadata: { checkoutId },
        automatic_payment_methods: { enabled: true },
      },
      { idempotencyKey: checkoutId },
    );
    expect(intent.object).toBe('payment_intent');
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.amount).toBe(4599);
    expect(intent.currency).toBe('eur');
    expect(intent.transfer_group).toBe(checkoutId);
    expect(typeof intent.client_secret).toBe('string');
  });

  it('creates a Transfer to a seller in the checkout transfer group', async () => {
    const buyerOrderId = randomUUID();
    const destination = `acct_${randomUUID().replaceAll('-', '')}`;
    const transfer = await stripe.transfers.create({
      amount: 3900,
      currency: 'eur',
      destination,
      transfer_group: buyerOrderId,
      metadata: { sellerOrderId: randomUUID() },
    });
    expect(transfer.object).toBe('transfer');
    expect(transfer.id).toMatch(/^tr_/);
    expect(transfer.amount).toBe(3900);
    expect(transfer.currency).toBe('eur');
    expect(transfer.destination).toBe(destination);
    expect(transfer.transfer_group).toBe(buyerOrderId);
  });

  it('creates a Refund of a PaymentIntent', async () => {
    const paymentIntent = `pi_${randomUUID().replaceAll('-', '')}`;
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1200 });
    expect(refund.object).toBe('refund');
    expect(refund.id).toMatch(/^re_/);
    expect(refund.amount).toBe(1200);
    expect(refund.payment_intent).toBe(paymentIntent);
  });

  it('creates an Express connected account for seller onboarding', async () => {
    const tenantId = randomUUID();
    const email = `seller-${tenantId}@example.test`;
    const account = await stripe.accounts.create({
      type: 'express',
      country: 'DE',
      email,
      capabilities: { transfers: { requested: true }, card_payments: { requested: true } },
      metadata: { tenantId },
    });
    expect(account.object).toBe('account');
    expect(account.id).toMatch(/^acct_/);
    expect(account.type).toBe('express');
    expect(account.country).toBe('DE');
    expect(account.email).toBe(email);
  });

  it('refuses a PaymentIntent without an amount as an invalid request', async () => {
    const missingAmount = { currency: 'eur' } as unknown as Stripe.PaymentIntentCreateParams;
    await expect(stripe.paymentIntents.create(missingAmount)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
    });
  });
});
