import {
  inject,
  provideAppInitializer,
  type EnvironmentProviders,
  type Provider,
  type Type,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideKeycloak } from 'keycloak-angular';
import Keycloak, { type KeycloakTokenParsed } from 'keycloak-js';
import { PORTAL_CONFIG } from './runtime-config';
import { readPortalConfig, type PortalConfig } from './portal-config';

type Providers = (Provider | EnvironmentProviders)[];

/** Called in an injection context; returns what to do with the verified token once the user has signed in. */
export type SignedInHandler = () => (token: KeycloakTokenParsed | undefined) => void;

/**
 * The runtime settings and sign-in every page of a portal needs: the checked config.json and Keycloak
 * (authorization code + PKCE, sign-in required before the first page). `onSignedIn` runs after the sign-in and
 * before the first navigation (e.g. to put the user in the store).
 */
export function portalSessionProviders(
  config: PortalConfig,
  onSignedIn?: SignedInHandler,
  /** Scopes to ask for at sign-in besides the client's defaults (e.g. every organization of the user). */
  scope?: string,
): Providers {
  return [
    { provide: PORTAL_CONFIG, useValue: config },
    provideKeycloak({ config: config.keycloak }),
    provideAppInitializer(async () => {
      const keycloak = inject(Keycloak);
      const signedIn = onSignedIn?.();
      await keycloak.init({
        onLoad: 'login-required',
        pkceMethod: 'S256',
        checkLoginIframe: false,
        ...(scope ? { scope } : {}),
      });
      signedIn?.(keycloak.tokenParsed);
    }),
  ];
}

/** Reads `/config.json`, then starts the portal; a failure is shown on the page instead of a blank screen. */
export function startPortal(
  name: string,
  root: Type<unknown>,
  providers: (config: PortalConfig) => Providers,
): void {
  const start = async (): Promise<void> => {
    const answer = await fetch('/config.json', { cache: 'no-cache' });
    if (!answer.ok) throw new Error(`config.json answered ${answer.status}`);
    await bootstrapApplication(root, { providers: providers(readPortalConfig(await answer.json())) });
  };
  start().catch((error: unknown) => {
    console.error(error);
    const banner = document.createElement('p');
    banner.setAttribute('role', 'alert');
    banner.textContent = `The ${name} could not start: ${error instanceof Error ? error.message : String(error)}`;
    document.body.prepend(banner);
  });
}
