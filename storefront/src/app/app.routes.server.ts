import { RenderMode, type ServerRoute } from '@angular/ssr';

/** Catalog pages render per request (fresh prices and stock, crawlable); cart, checkout and orders are the buyer's own. */
export const serverRoutes: ServerRoute[] = [
  { path: 'cart', renderMode: RenderMode.Client },
  { path: 'checkout', renderMode: RenderMode.Client },
  { path: 'checkout/**', renderMode: RenderMode.Client },
  { path: 'account/**', renderMode: RenderMode.Client },
  { path: '**', renderMode: RenderMode.Server },
];
