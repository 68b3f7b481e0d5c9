import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { portalProviders } from './app/app.config';
import { readPortalConfig } from './app/core/runtime-config';

async function start(): Promise<void> {
  const answer = await fetch('/config.json', { cache: 'no-cache' });
  if (!answer.ok) throw new Error(`config.json answered ${answer.status}`);
  await bootstrapApplication(App, { providers: portalProviders(readPortalConfig(await answer.json())) });
}

start().catch((error: unknown) => {
  console.error(error);
  const banner = document.createElement('p');
  banner.setAttribute('role', 'alert');
  banner.textContent = `The seller portal could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.prepend(banner);
});
