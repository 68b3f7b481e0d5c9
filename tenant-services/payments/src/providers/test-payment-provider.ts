import { createHash } from 'node:crypto';
import {
  type CreateIntentRequest,
  type CreateTransferRequest,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderAccount,
  type ProviderIntent,
  type ProviderRefundStatus,
  type ProviderWebhookEvent,
} from './payment-provider';
import { verifyStripeSignature } from './webhook-signature';

/** Amounts ending in …02 (minor units) are declined, so local runs and tests can exercise failures. */
export function isDeclinedAmount(amount: number): boolean {
  return amount % 100 === 2;
}

/**
 * Built-in provider for local runs without network (as Medusa and Vendure ship one): deterministic ids derived
 * from the idempotency key, instant outcomes. Webhooks use Stripe's signature scheme so the same endpoint works.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';
  readonly publishableKey = null;
  constructor(private readonly webhookSecret: string) {}

  async createPaymentIntent(request: CreateIntentRequest): Promise<ProviderIntent> {
    // The amount is part of the id so that confirming needs no state (the provider survives restarts).
    const id = `${testId('pi', request.idempotencyKey)}_${request.amount}`;
    return { id, status: 'requires_payment', clientSecret: `${id}_secret_test` };
  }

  async confirmPaymentIntent(intentId: string): Promise<ProviderIntent> {
    const match = /^pi_test_[0-9a-f]{24}_(\d+)$/.exec(intentId);
    if (!match) throw new PaymentProviderError(`No such payment intent ${intentId}`, 'resource_missing');
    if (isDeclinedAmount(Number(match[1]))) {
      return { id: intentId, status: 'failed', clientSecret: null, failureReason: 'Your card was declined.' };
    }
    return { id: intentId, status: 'succeeded', clientSecret: null };
  }

  async createTransfer(request: CreateTransferRequest): Promise<{ id: string }> {
    declineWhen(request.amount, 'Insufficient platform balance for the transfer.', 'balance_insufficient');
    return { id: testId('tr', request.idempotencyKey) };
  }

  async refund(request: {
    paymentIntentId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ id: string; status: ProviderRefundStatus }> {
    declineWhen(request.amount, 'The refund was declined.', 'refund_declined');
    return { id: testId('re', request.idempotencyKey), status: 'succeeded' };
  }

  async reverseTransfer(request: {
    transferId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ id: string }> {
    declineWhen(
      request.amount,
      'The connected account balance is too low for the reversal.',
      'balance_insufficient',
    );
    return { id: testId('trr', request.idempotencyKey) };
  }

  async createExpressAccount(request: { tenantId: string }): Promise<ProviderAccount> {
    return {
      id: testId('acct', request.tenantId),
      chargesEnabled: false,
      payoutsEnabled: false,
      detailsSubmitted: false,
      // Nobody to do KYC with offline: the built-in provider's accounts may receive transfers at once.
      transfersActive: true,
      requirementsDue: [],
    };
  }

  async createOnboardingLink(request: { accountId: string; returnUrl: string }): Promise<{ url: string }> {
    const url = new URL(request.returnUrl);
    url.searchParams.set('test_onboarding', request.accountId);
    return { url: url.toString() };
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderWebhookEvent {
    return verifyStripeSignature(rawBody, signatureHeader, this.webhookSecret);
  }
}

function testId(prefix: string, seed: string): string {
  return `${prefix}_test_${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`;
}

function declineWhen(amount: number, message: string, code: string): void {
  if (isDeclinedAmount(amount)) throw new PaymentProviderError(message, code);
}
