import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import Keycloak, { type KeycloakTokenParsed } from 'keycloak-js';
import type { AuthUser } from './auth.models';

const SIGNED_IN_KEY = 'marketplace.auth.signedIn';

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

  /**
   * Completes a sign-in redirect, and restores the session of a buyer who signed in earlier in this tab.
   * Anonymous visitors are not sent to Keycloak: browsers that block third-party cookies turn a silent
   * check into a full-page redirect on every visit.
   */
  async checkSession(): Promise<AuthUser | null> {
    if (!this.keycloak || !this.window) return null;
    const storage = this.window.sessionStorage;
    const authenticated = await this.keycloak.init({
      pkceMethod: 'S256',
      checkLoginIframe: false,
      ...(storage.getItem(SIGNED_IN_KEY)
        ? {
            onLoad: 'check-sso' as const,
            silentCheckSsoRedirectUri: `${this.window.location.origin}/silent-check-sso.html`,
          }
        : {}),
    });
    if (authenticated) storage.setItem(SIGNED_IN_KEY, '1');
    else storage.removeItem(SIGNED_IN_KEY);
    return authenticated ? userFromToken(this.keycloak.idTokenParsed ?? this.keycloak.tokenParsed) : null;
  }

  async signIn(): Promise<void> {
    if (!this.keycloak || !this.window) throw new Error('Sign-in is only available in the browser.');
    await this.keycloak.login({ redirectUri: this.window.location.href });
  }

  async signOut(): Promise<void> {
    if (!this.keycloak || !this.window) throw new Error('Sign-out is only available in the browser.');
    this.window.sessionStorage.removeItem(SIGNED_IN_KEY);
    await this.keycloak.logout({ redirectUri: `${this.window.location.origin}/` });
  }

  /** Whether a buyer is signed in now (known without waiting, unlike a fresh token). */
  get signedIn(): boolean {
    return this.keycloak?.authenticated === true;
  }

  /** A fresh access token for API calls, or null when signed out. */
  async accessToken(): Promise<string | null> {
    if (!this.keycloak?.authenticated) return null;
    await this.keycloak.updateToken(30);
    return this.keycloak.token ?? null;
  }
}
