import { mergeApplicationConfig } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { KEYCLOAK_LOADER } from './app/auth/auth.service';
import { parseAppConfig } from './app/core/app-config';
import { readInlineConfig } from './app/core/inline-config';

async function fetchConfig(): Promise<unknown> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return response.json();
}

async function start(): Promise<void> {
  const config = parseAppConfig(readInlineConfig(document) ?? (await fetchConfig()));
  // keycloak-js is a lazy chunk: the auth effects load and initialise it only for a buyer who signs in or did.
  const loadKeycloak = () => import('keycloak-js').then(({ default: Keycloak }) => new Keycloak(config.keycloak));
  const browser = { providers: [{ provide: KEYCLOAK_LOADER, useValue: loadKeycloak }] };
  await bootstrapApplication(App, mergeApplicationConfig(appConfig(config), browser));
}

start().catch((error: unknown) => {
  console.error(error);
  const banner = document.createElement('p');
  banner.setAttribute('role', 'alert');
  banner.textContent = `The shop could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.prepend(banner);
});
