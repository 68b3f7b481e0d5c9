export interface ClientCredentialsOptions {
  /** The realm's token endpoint, e.g. `https://id.marketplace.example/realms/marketplace/protocol/openid-connect/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
}

/**
 * OAuth2 client credentials of a seller's API client: fetches an access token and reuses it until shortly before
 * it expires. Pass the result as `accessToken` of `createMarketplaceClient`.
 */
export function clientCredentials(options: ClientCredentialsOptions): () => Promise<string> {
  const fetchToken = options.fetch ?? globalThis.fetch;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const request = async (): Promise<string> => {
    const response = await fetchToken(options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
      }),
    });
    if (!response.ok) throw new Error(`Token request refused: HTTP ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in?: number };
    const lifetimeMs = (body.expires_in ?? 60) * 1000;
    cached = { token: body.access_token, renewAt: Date.now() + lifetimeMs * 0.8 };
    return body.access_token;
  };
  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    pending ??= request().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
