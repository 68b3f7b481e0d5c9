import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import Keycloak, { type KeycloakTokenParsed } from 'keycloak-js';
import type { AuthUser } from './auth.models';

/** Reads the signed-in buyer from an access/ID token. */
export function userFromToken(token: KeycloakTokenParsed | undefined): AuthUser | null {
  if (!token?.sub) return null;
  const claims = token as Record<string, unknown>;
  const email = typeof claims['email'] === 'string' ? claims['email'] : null;
  const name =
    typeof claims['name'] === 'string' && claims['name']
      ? claims['name']
      : (email ?? String(claims['preferred_username'] ?? 'Account'));
  return { id: token.sub, name, email };
}

/**
 * Keycloak sign-in (authorization code + PKCE). Only the browser has a Keycloak instance; on the server every
 * visitor renders as signed out.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly keycloak = inject(Keycloak, { optional: true });
  private readonly window = inject(DOCUMENT).defaultView;

  async checkSession(): Promise<AuthUser | null> {
    if (!this.keycloak || !this.window) return null;
    const authenticated = await this.keycloak.init({
      onLoad: 'check-sso',
      pkceMethod: 'S256',
      checkLoginIframe: false,
      silentCheckSsoRedirectUri: `${this.window.location.origin}/silent-check-sso.html`,
    });
    return authenticated ? userFromToken(this.keycloak.idTokenParsed ?? this.keycloak.tokenParsed) : null;
  }

  async signIn(): Promise<void> {
    if (!this.keycloak || !this.window) throw new Error('Sign-in is only available in the browser.');
    await this.keycloak.login({ redirectUri: this.window.location.href });
  }

  async signOut(): Promise<void> {
    if (!this.keycloak || !this.window) throw new Error('Sign-out is only available in the browser.');
    await this.keycloak.logout({ redirectUri: `${this.window.location.origin}/` });
  }

  /** A fresh access token for API calls, or null when signed out. */
  async accessToken(): Promise<string | null> {
    if (!this.keycloak?.authenticated) return null;
    await this.keycloak.updateToken(30);
    return this.keycloak.token ?? null;
  }
}
