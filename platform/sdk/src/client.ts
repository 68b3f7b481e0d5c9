import { randomUUID } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/schema';

/** An access token, or a function answering a valid one (see `clientCredentials`). */
export type AccessToken = string | (() => Promise<string>);

export interface MarketplaceClientOptions {
  /** The API gateway, e.g. `https://api.marketplace.example`. */
  baseUrl: string;
  accessToken: AccessToken;
  /** Tries of a request that failed on the network, with 5xx, 429 or a still-running idempotent POST (409). */
  maxAttempts?: number;
  fetch?: typeof fetch;
}

export type MarketplaceClient = Client<paths>;

const RETRIED_STATUSES = new Set([409, 429, 502, 503, 504]);

function delayMs(response: Response | undefined, attempt: number): number {
  const retryAfter = Number(response?.headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter, 30) * 1000;
  return Math.min(250 * 2 ** attempt, 5000);
}

/**
 * Retries what is safe to retry: every POST carries an `Idempotency-Key` (one is made unless the caller passed
 * its own), so a retried POST is answered from the gateway's stored answer instead of acting twice. A 409 is
 * retried only when the key's first request is still running.
 */
function retryingFetch(baseFetch: typeof fetch, maxAttempts: number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'POST' && !request.headers.has('idempotency-key'))
      request.headers.set('idempotency-key', randomUUID());
    for (let attempt = 1; ; attempt += 1) {
      let response: Response | undefined;
      try {
        response = await baseFetch(request.clone());
      } catch (error) {
        if (attempt >= maxAttempts) throw error;
      }
      if (response) {
        const retry =
          RETRIED_STATUSES.has(response.status) &&
          attempt < maxAttempts &&
          (response.status !== 409 ||
            (
              await response
                .clone()
                .json()
                .catch(() => ({}))
            )?.code === 'IDEMPOTENCY_KEY_IN_USE');
        if (!retry) return response;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs(response, attempt)));
    }
  };
}

/**
 * A typed client of the REST API: paths, parameters, bodies and answers come from the OpenAPI document the
 * gateway serves at `/openapi.json` (regenerate with `pnpm --filter @marketplace/sdk generate`).
 *
 * ```ts
 * const api = createMarketplaceClient({ baseUrl, accessToken: clientCredentials({ tokenUrl, clientId, clientSecret }) });
 * const { data, error } = await api.GET('/api/v1/orders/orders', { params: { query: { limit: 50 } } });
 * ```
 */
export function createMarketplaceClient(options: MarketplaceClientOptions): MarketplaceClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: retryingFetch(options.fetch ?? globalThis.fetch, options.maxAttempts ?? 3),
  });
  const { accessToken } = options;
  client.use({
    async onRequest({ request }) {
      const token = typeof accessToken === 'string' ? accessToken : await accessToken();
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}
