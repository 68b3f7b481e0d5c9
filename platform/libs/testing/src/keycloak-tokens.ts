import { requestToken } from '@marketplace/identity';

export interface KeycloakTestSettings {
  url: string;
  realm: string;
}

/** KEYCLOAK_URL and KEYCLOAK_REALM, as `eval "$(platform/stack/stack env)"` exports them. */
export function keycloakTestSettings(env: NodeJS.ProcessEnv = process.env): KeycloakTestSettings {
  const url = env.KEYCLOAK_URL;
  const realm = env.KEYCLOAK_REALM;
  if (!url || !realm) {
    throw new Error(
      'KEYCLOAK_URL and KEYCLOAK_REALM are not set: run tests after eval "$(platform/stack/stack env)"',
    );
  }
  return { url, realm };
}

/** The realm's issuer (`iss` of its tokens). */
export function keycloakIssuer(settings: KeycloakTestSettings = keycloakTestSettings()): string {
  return `${settings.url.replace(/\/+$/, '')}/realms/${settings.realm}`;
}

/**
 * A real access token for a user (password grant through the `marketplace-tests` client). A member of several
 * organizations needs `scope` `openid organization:*` for a token naming them all, as the seller portal asks.
 */
export async function passwordToken(
  username: string,
  password = 'password',
  scope = 'openid',
): Promise<string> {
  const { url, realm } = keycloakTestSettings();
  const response = await requestToken(url, realm, {
    grant_type: 'password',
    client_id: 'marketplace-tests',
    scope,
    username,
    password,
  });
  return response.access_token;
}

/** A real access token for a confidential client (client-credentials grant). */
export async function clientCredentialsToken(clientId: string, secret: string): Promise<string> {
  const { url, realm } = keycloakTestSettings();
  const response = await requestToken(url, realm, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: secret,
  });
  return response.access_token;
}
