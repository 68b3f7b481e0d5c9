import { keycloakIssuer, keycloakTestSettings } from '@marketplace/testing';
import { generateKeyPair, decodeProtectedHeader, decodeJwt, SignJWT } from 'jose';

export const API_AUDIENCE = 'marketplace-api';

export function realmIssuer(): string {
  return keycloakIssuer();
}

/** A real Keycloak ID token of a user: signed by the realm, but issued for the client, not the API. */
export async function idTokenOf(username: string, password = 'password'): Promise<string> {
  const { url, realm } = keycloakTestSettings();
  const response = await fetch(`${url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'marketplace-tests',
      scope: 'openid',
      username,
      password,
    }),
  });
  const body = (await response.json()) as { id_token?: string };
  if (!response.ok || !body.id_token) throw new Error(`No ID token for ${username}: HTTP ${response.status}`);
  return body.id_token;
}

/** The same header and claims as a real token, re-signed by a key the realm never published. */
export async function resignedWithForeignKey(token: string): Promise<string> {
  const header = decodeProtectedHeader(token);
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(decodeJwt(token))
    .setProtectedHeader({ alg: 'RS256', kid: header.kid! })
    .sign(privateKey);
}

/** The real token with one signature character changed. */
export function withTamperedSignature(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = signature[10] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, 10)}${flipped}${signature.slice(11)}`;
}

/** The real token's claims with a different subject, keeping the realm's signature (now invalid). */
export function withForgedClaims(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const forged = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object), ...claims };
  return `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
}
