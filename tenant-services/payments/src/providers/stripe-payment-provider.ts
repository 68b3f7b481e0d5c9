import Stripe from 'stripe';
import {
  type CreateIntentRequest,
  type CreateTransferRequest,
  type IntentStatus,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderAccount,
  type ProviderIntent,
  type ProviderRefundStatus,
  type ProviderWebhookEvent,
} from './payment-provider';
import { verifyStripeSignature } from './webhook-signature';

export interface StripeProviderOptions {
  secretKey: string;
  /** The publishable key of the same account: the browser confirms intents with it (Stripe.js). */
  publishableKey: string;
  webhookSecret: string;
  /** stripe-mock or another stand-in; unset talks to api.stripe.com. */
  apiBase?: string;
}

/** Stripe Connect with separate charges and transfers (no application_fee_amount): see ADR 0007. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly publishableKey: string;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    this.publishableKey = options.publishableKey;
    const base = options.apiBase ? new URL(options.apiBase) : undefined;
    this.stripe = new Stripe(options.secretKey, {
      telemetry: false,
      // Retries reuse the idempotency key, so a retried create never charges or transfers twice.
      maxNetworkRetries: 2,
      timeout: 15_000,
      ...(base
        ? { host: base.hostname, port: base.port, protocol: base.protocol === 'https:' ? 'https' : 'http' }
        : {}),
    });
  }

  async createPaymentIntent(request: CreateIntentRequest): Promise<ProviderIntent> {
    const intent = await this.call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          transfer_group: request.transferGroup,
          metadata: request.metadata,
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return toIntent(intent);
  }

  async confirmPaymentIntent(intentId: string, idempotencyKey: string): Promise<ProviderIntent> {
    const intent = await this.call(() =>
      this.stripe.paymentIntents.confirm(intentId, {}, { idempotencyKey }),
    );
    return toIntent(intent);
  }

  async createTransfer(request: CreateTransferRequest): Promise<{ id: string }> {
    const transfer = await this.call(() =>
      this.stripe.transfers.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          destination: request.destinationAccount,
          transfer_group: request.transferGroup,
          ...(request.metadata ? { metadata: request.metadata } : {}),
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return { id: transfer.id };
  }

  async refund(request: {
    paymentIntentId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ id: string; status: ProviderRefundStatus }> {
    const refund = await this.call(() =>
      this.stripe.refunds.create(
        { payment_intent: request.paymentIntentId, amount: request.amount },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return { id: refund.id, status: refund.status === 'succeeded' ? 'succeeded' : 'pending' };
  }

  async reverseTransfer(request: {
    transferId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ id: string }> {
    const reversal = await this.call(() =>
      this.stripe.transfers.createReversal(
        request.transferId,
        { amount: request.amount },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return { id: reversal.id };
  }

  async createExpressAccount(request: {
    tenantId: string;
    email?: string;
    country: string;
  }): Promise<ProviderAccount> {
    const account = await this.call(() =>
      this.stripe.accounts.create(
        {
          type: 'express',
          country: request.country,
          ...(request.email ? { email: request.email } : {}),
          capabilities: { transfers: { requested: true } },
          metadata: { tenantId: request.tenantId },
        },
        { idempotencyKey: `account-${request.tenantId}` },
      ),
    );
    return toAccount(account);
  }

  async createOnboardingLink(request: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string }> {
    const link = await this.call(() =>
      this.stripe.accountLinks.create({
        account: request.accountId,
        refresh_url: request.refreshUrl,
        return_url: request.returnUrl,
        type: 'account_onboarding',
      }),
    );
    return { url: link.url };
  }

  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderWebhookEvent {
    return verifyStripeSignature(rawBody, signatureHeader, this.options.webhookSecret);
  }

  /** Stripe's refusals become PaymentProviderError; connection problems stay as they are (retryable). */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeCardError ||
        error instanceof Stripe.errors.StripeInvalidRequestError
      ) {
        throw new PaymentProviderError(error.message, error.code ?? error.type);
      }
      throw error;
    }
  }
}

const INTENT_STATUSES: Partial<Record<Stripe.PaymentIntent.Status, IntentStatus>> = {
  succeeded: 'succeeded',
  processing: 'processing',
  canceled: 'failed',
};

function toIntent(intent: Stripe.PaymentIntent): ProviderIntent {
  return {
    id: intent.id,
    status: INTENT_STATUSES[intent.status] ?? 'requires_payment',
    clientSecret: intent.client_secret,
    ...(intent.last_payment_error?.message ? { failureReason: intent.last_payment_error.message } : {}),
  };
}

export function toAccount(account: {
  id: string;
  charges_enabled?: boolean | null;
  payouts_enabled?: boolean | null;
  details_submitted?: boolean | null;
  capabilities?: { transfers?: string | null } | null;
  requirements?: { currently_due?: string[] | null; past_due?: string[] | null } | null;
}): ProviderAccount {
  const due = [...(account.requirements?.past_due ?? []), ...(account.requirements?.currently_due ?? [])];
  return {
    id: account.id,
    chargesEnabled: account.charges_enabled === true,
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    transfersActive: account.capabilities?.transfers === 'active',
    requirementsDue: [...new Set(due)],
  };
}
