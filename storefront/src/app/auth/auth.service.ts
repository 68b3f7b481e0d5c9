import { DOCUMENT } from '@angular/common';
import { inject, Injectable, InjectionToken } from '@angular/core';
import type Keycloak from 'keycloak-js';
import type { KeycloakTokenParsed } from 'keycloak-js';
import type { AuthUser } from './auth.models';

const SIGNED_IN_KEY = 'marketplace.auth.signedIn';

/**
 * Loads the browser's Keycloak adapter (keycloak-js) on first use. Anonymous visitors, most of the storefront's
 * traffic, never download or run it (ADR 0043: it was the largest task blocking the first interaction).
 */
export const KEYCLOAK_LOADER = new InjectionToken<() => Promise<Keycloak>>('KEYCLOAK_LOADER');

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

/** Whether the address is Keycloak's answer to a sign-in redirect (fragment response mode). */
export function isSignInReturn(hash: string): boolean {
  const answer = new URLSearchParams(hash.replace(/^#/, ''));
  return answer.has('state') && (answer.has('code') || answer.has('error'));
}

/**
 * Keycloak sign-in (authorization code + PKCE). Only the browser has a Keycloak loader; on the server every
 * visitor renders as signed out.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly load = inject(KEYCLOAK_LOADER, { optional: true });
  private readonly window = inject(DOCUMENT).defaultView;
  private keycloak: Keycloak | null = null;
  private initialized: Promise<boolean> | null = null;

  /**
   * Completes a sign-in redirect, and restores the session of a buyer who signed in earlier in this tab.
   * Anonymous visitors are not sent to Keycloak (browsers that block third-party cookies turn a silent check
   * into a full-page redirect on every visit), and do not even load its adapter.
   */
  async checkSession(): Promise<AuthUser | null> {
    if (!this.load || !this.window) return null;
    const signedInBefore = this.window.sessionStorage.getItem(SIGNED_IN_KEY) !== null;
    if (!signedInBefore && !isSignInReturn(this.window.location.hash)) return null;
    const keycloak = await this.started(signedInBefore);
    return keycloak.authenticated ? userFromToken(keycloak.idTokenParsed ?? keycloak.tokenParsed) : null;
  }

  async signIn(): Promise<void> {
    if (!this.load || !this.window) throw new Error('Sign-in is only available in the browser.');
    await (await this.started(false)).login({ redirectUri: this.window.location.href });
  }

  async signOut(): Promise<void> {
    if (!this.load || !this.window) throw new Error('Sign-out is only available in the browser.');
    this.window.sessionStorage.removeItem(SIGNED_IN_KEY);
    await (await this.started(false)).logout({ redirectUri: `${this.window.location.origin}/` });
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

  /** The adapter, loaded and initialised once (a silent SSO check only for a buyer signed in in this tab). */
  private async started(checkSso: boolean): Promise<Keycloak> {
    const window = this.window!;
    this.initialized ??= this.load!().then((keycloak) => {
      this.keycloak = keycloak;
      return keycloak.init({
        pkceMethod: 'S256',
        checkLoginIframe: false,
        ...(checkSso
          ? {
              onLoad: 'check-sso' as const,
              silentCheckSsoRedirectUri: `${window.location.origin}/silent-check-sso.html`,
            }
          : {}),
      });
    });
    try {
      const authenticated = await this.initialized;
      if (authenticated) window.sessionStorage.setItem(SIGNED_IN_KEY, '1');
      else window.sessionStorage.removeItem(SIGNED_IN_KEY);
    } catch (error) {
      this.initialized = null;
      throw error;
    }
    return this.keycloak!;
  }
}
