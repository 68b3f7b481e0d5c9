/**
 * The payment service provider behind the ledger (strategy, as Vendure's and Medusa's payment handlers):
 * Stripe in production and against stripe-mock, a built-in provider for local runs without network.
 * Amounts are integer minor units; currencies are ISO 4217 codes in upper case.
 */

export type IntentStatus = 'requires_payment' | 'processing' | 'succeeded' | 'failed';

export interface ProviderIntent {
  id: string;
  status: IntentStatus;
  /** Handed to the browser so the buyer confirms the payment with the provider's own UI. */
  clientSecret: string | null;
  /** Why the provider declined, when `status` is failed. */
  failureReason?: string;
}

export interface CreateIntentRequest {
  amount: number;
  currency: string;
  /** The buyer order: every transfer of the checkout joins the same group. */
  transferGroup: string;
  idempotencyKey: string;
  metadata: Record<string, string>;
}

export interface CreateTransferRequest {
  amount: number;
  currency: string;
  destinationAccount: string;
  transferGroup: string;
  idempotencyKey: string;
  metadata?: Record<string, string>;
}

export interface ProviderAccount {
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** The `transfers` capability is active (KYC done): transfers to the account are allowed. */
  transfersActive: boolean;
  /** What the provider still needs from the seller (KYC): currently and past due requirement names. */
  requirementsDue: string[];
}

/** A verified webhook event; `object` is the provider's resource the event is about. */
export interface ProviderWebhookEvent {
  id: string;
  type: string;
  object: Record<string, unknown>;
  /** The connected account the event happened on (Connect events such as payouts); absent for the platform's own. */
  account?: string;
}

/** `pending` until the money reached the buyer (the provider reports it later with `refund.updated`). */
export type ProviderRefundStatus = 'succeeded' | 'pending';

export interface PaymentProvider {
  readonly name: 'stripe' | 'test';
  /** What the buyer's browser confirms intents with (Stripe's publishable key); null when the server confirms. */
  readonly publishableKey: string | null;
  createPaymentIntent(request: CreateIntentRequest): Promise<ProviderIntent>;
  /** Server-side confirmation (and capture) of an intent; with browsers, a webhook reports the outcome instead. */
  confirmPaymentIntent(intentId: string, idempotencyKey: string): Promise<ProviderIntent>;
  createTransfer(request: CreateTransferRequest): Promise<{ id: string }>;
  refund(request: {
    paymentIntentId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ id: string; status: ProviderRefundStatus }>;
  /** Takes a seller's share back; fails when the connected account's balance is short. */
  reverseTransfer(request: {
    transferId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ id: string }>;
  createExpressAccount(request: {
    tenantId: string;
    email?: string;
    country: string;
  }): Promise<ProviderAccount>;
  createOnboardingLink(request: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string }>;
  /** Throws WebhookSignatureError unless `signatureHeader` signs `rawBody` with the webhook secret. */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): ProviderWebhookEvent;
}

/** The provider refused the operation (declined card, short balance, invalid request). */
export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class WebhookSignatureError extends Error {
  override name = 'ValidationError';
}
