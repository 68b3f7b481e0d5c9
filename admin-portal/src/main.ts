import { startPortal } from '@marketplace/web-portal';
import { App } from './app/app';
import { adminPortalProviders } from './app/app.config';

startPortal('admin portal', App, adminPortalProviders);
