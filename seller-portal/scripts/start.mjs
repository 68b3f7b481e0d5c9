// `pnpm --dir seller-portal start`: serves the production build on PORT (default 4300); builds it first when missing.
import { startPortal } from '@marketplace/web-portal/start';

await startPortal({
  appDir: new URL('..', import.meta.url),
  name: 'seller-portal',
  defaultPort: 4300,
  loadServer: () => import('../server/server.mjs'),
});
