import { z } from 'zod';
import { keycloakErrorFrom } from './errors';

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().optional(),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export function tokenEndpointUrl(baseUrl: string, realm: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
}

/** POSTs a grant to the realm's token endpoint; a refusal becomes a KeycloakError (401 for bad credentials). */
export async function requestToken(
  baseUrl: string,
  realm: string,
  grant: Record<string, string>,
): Promise<TokenResponse> {
  const url = tokenEndpointUrl(baseUrl, realm);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(grant),
  });
  if (!response.ok) throw await keycloakErrorFrom(response, 'POST', new URL(url).pathname);
  return tokenResponseSchema.parse(await response.json());
}

/** Client-credentials token of one confidential client, reused until shortly before it expires. */
export class ClientCredentialsTokenSource {
  private cached?: { token: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly baseUrl: string,
    private readonly realm: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.token;
    // Concurrent callers share one request instead of each fetching a token.
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const response = await requestToken(this.baseUrl, this.realm, {
      grant_type: 'client_credentials',
      client_id: this.clientId,
      client_secret: this.clientSecret,
    });
    // Renew 30 s early (or halfway for very short lifetimes) so a token never expires in flight.
    const margin = Math.min(30, response.expires_in / 2);
    this.cached = {
      token: response.access_token,
      renewAt: Date.now() + (response.expires_in - margin) * 1000,
    };
    return response.access_token;
  }
}
