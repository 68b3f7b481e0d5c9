import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a delivery was refused: treat it as not from the marketplace and answer 400. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

export interface WebhookDelivery {
  /** `webhook-id`: the same for every retry of one event; deduplicate on it. */
  id: string;
  /** `webhook-timestamp`: when this attempt was signed. */
  timestamp: Date;
  payload: unknown;
}

type Headers = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function header(headers: Headers, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function')
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/**
 * Verifies a delivery as the Standard Webhooks specification says: HMAC-SHA256 with the endpoint's secret
 * (`whsec_` + base64) over `<webhook-id>.<webhook-timestamp>.<raw body>`, any of the space-separated `v1,<base64>`
 * signatures matching (during a secret rotation two are sent), and a timestamp within `toleranceSeconds` of now
 * against replays. Pass the raw body exactly as received, before any JSON parsing.
 */
export function verifyWebhook(
  secret: string,
  headers: Headers,
  rawBody: string | Buffer,
  options: { toleranceSeconds?: number; now?: Date } = {},
): WebhookDelivery {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook headers');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds))
    throw new WebhookVerificationError('Invalid webhook-timestamp');
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300))
    throw new WebhookVerificationError('Timestamp outside the tolerance');
  const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  const expected = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest();
  const matches = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const candidate = Buffer.from(signature, 'base64');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  if (!matches) throw new WebhookVerificationError('No matching signature');
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new WebhookVerificationError('The body is not JSON');
  }
  return { id, timestamp: new Date(seconds * 1000), payload };
}
