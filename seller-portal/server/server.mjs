// The seller portal's static server (the shared portal server of @marketplace/web-portal); settings SELLER_PORTAL_*.
import { portalServer } from '@marketplace/web-portal/server';

export const { portalConfig, createPortalServer } = portalServer({
  name: 'seller-portal',
  browserDir: new URL('../dist/seller-portal/browser/', import.meta.url),
  envPrefix: 'SELLER_PORTAL',
});
