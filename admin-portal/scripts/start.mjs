// `pnpm --dir admin-portal start`: serves the production build on PORT (default 4400); builds it first when missing.
import { startPortal } from '@marketplace/web-portal/start';

await startPortal({
  appDir: new URL('..', import.meta.url),
  name: 'admin-portal',
  defaultPort: 4400,
  loadServer: () => import('../server/server.mjs'),
});
