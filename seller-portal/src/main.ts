import { startPortal } from '@marketplace/web-portal';
import { App } from './app/app';
import { portalProviders } from './app/app.config';

startPortal('seller portal', App, portalProviders);
