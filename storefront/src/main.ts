import { mergeApplicationConfig } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideKeycloak } from 'keycloak-angular';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { parseAppConfig } from './app/core/app-config';
import { readInlineConfig } from './app/core/inline-config';

async function fetchConfig(): Promise<unknown> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return response.json();
}

async function start(): Promise<void> {
  const config = parseAppConfig(readInlineConfig(document) ?? (await fetchConfig()));
  // No initOptions: the auth effects initialise Keycloak without blocking the first render.
  const browser = { providers: [provideKeycloak({ config: config.keycloak })] };
  await bootstrapApplication(App, mergeApplicationConfig(appConfig(config), browser));
}

start().catch((error: unknown) => {
  console.error(error);
  const banner = document.createElement('p');
  banner.setAttribute('role', 'alert');
  banner.textContent = `The shop could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.prepend(banner);
});
