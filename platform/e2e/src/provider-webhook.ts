import Stripe from 'stripe';
import { ulid } from 'ulid';

/** The payments service's webhook secret when started without one (local and test runs). */
export const LOCAL_STRIPE_WEBHOOK_SECRET = 'whsec_local_development_only';

const signer = new Stripe('sk_test_signer', { telemetry: false });

/**
 * Posts a provider event to the payments service as Stripe does: signed (the SDK's test header), with `account`
 * for a Connect event that happened on a seller's connected account (payouts). Answers the HTTP status.
 */
export async function postProviderWebhook(
  paymentsUrl: string,
  event: { type: string; object: Record<string, unknown>; account?: string },
  secret = LOCAL_STRIPE_WEBHOOK_SECRET,
): Promise<number> {
  const payload = JSON.stringify({
    id: `evt_${ulid()}`,
    object: 'event',
    type: event.type,
    ...(event.account ? { account: event.account } : {}),
    data: { object: event.object },
  });
  const response = await fetch(`${paymentsUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret }),
    },
    body: payload,
  });
  return response.status;
}
