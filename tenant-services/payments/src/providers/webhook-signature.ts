import Stripe from 'stripe';
import { type ProviderWebhookEvent, WebhookSignatureError } from './payment-provider';

// Signature checking is pure computation in the SDK; this client never sends a request.
const offlineStripe = new Stripe('sk_test_signature_only', { telemetry: false, maxNetworkRetries: 0 });

/** Verifies a `Stripe-Signature` header (HMAC-SHA256 with timestamp tolerance) and parses the event. */
export function verifyStripeSignature(
  rawBody: Buffer,
  signatureHeader: string | undefined,
  secret: string,
): ProviderWebhookEvent {
  if (!signatureHeader) throw new WebhookSignatureError('Missing Stripe-Signature header');
  let event: Stripe.Event;
  try {
    event = offlineStripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
  } catch (error) {
    throw new WebhookSignatureError(
      `Webhook signature rejected: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    object: event.data.object as unknown as Record<string, unknown>,
    ...(event.account ? { account: event.account } : {}),
  };
}
