import { RenderMode, type ServerRoute } from '@angular/ssr';

/** Catalog pages render per request (fresh prices and stock, crawlable); the cart is the buyer's own. */
export const serverRoutes: ServerRoute[] = [
  { path: 'cart', renderMode: RenderMode.Client },
  { path: '**', renderMode: RenderMode.Server },
];
