// The admin portal's static server (the shared portal server of @marketplace/web-portal); settings ADMIN_PORTAL_*.
import { portalServer } from '@marketplace/web-portal/server';

export const { portalConfig, createPortalServer } = portalServer({
  name: 'admin-portal',
  browserDir: new URL('../dist/admin-portal/browser/', import.meta.url),
  envPrefix: 'ADMIN_PORTAL',
});
