import { z } from 'zod';

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

export interface ServiceTokenOptions {
  keycloakUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
}

/** The services client's settings as services name them (`tenantStatusSettings` of the service kit). */
export interface ServicesClientSettings {
  KEYCLOAK_URL: string;
  KEYCLOAK_REALM: string;
  KEYCLOAK_SERVICES_CLIENT_ID: string;
  KEYCLOAK_SERVICES_CLIENT_SECRET: string;
}

/**
 * Client-credentials access token of the platform services client, cached until shortly before it expires:
 * services let only this client (`azp`) call their internal operations (`@InternalOnly()`).
 */
export class ServiceTokenProvider {
  private cached: { value: string; refreshAt: number; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: ServiceTokenOptions) {}

  /** The platform services client's token, from a service's settings. */
  static forServicesClient(config: ServicesClientSettings): ServiceTokenProvider {
    return new ServiceTokenProvider({
      keycloakUrl: config.KEYCLOAK_URL,
      realm: config.KEYCLOAK_REALM,
      clientId: config.KEYCLOAK_SERVICES_CLIENT_ID,
      clientSecret: config.KEYCLOAK_SERVICES_CLIENT_SECRET,
    });
  }

  async authorization(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return `Bearer ${this.cached.value}`;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    try {
      return `Bearer ${await this.pending}`;
    } catch (error) {
      // Keycloak unreachable during the early refresh: the current token is still good until it expires.
      if (this.cached && Date.now() < this.cached.expiresAt) return `Bearer ${this.cached.value}`;
      throw error;
    }
  }

  private async fetchToken(): Promise<string> {
    const { keycloakUrl, realm, clientId, clientSecret } = this.options;
    const response = await fetch(
      `${keycloakUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        }),
        signal: AbortSignal.timeout(5000),
      },
    );
    if (!response.ok) throw new Error(`Keycloak refused the services client token (${response.status})`);
    const answer = tokenAnswer.parse(await response.json());
    // Refresh 30 s early so that a token never expires between the check and the downstream call.
    const now = Date.now();
    this.cached = {
      value: answer.access_token,
      refreshAt: now + Math.max(answer.expires_in - 30, 1) * 1000,
      // A few seconds of margin for the downstream call and clock skew.
      expiresAt: now + Math.max(answer.expires_in - 5, 1) * 1000,
    };
    return answer.access_token;
  }
}
