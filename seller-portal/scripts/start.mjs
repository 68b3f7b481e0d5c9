// `pnpm --dir seller-portal start`: serves the production build on PORT (default 4300); builds it first when missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/seller-portal/browser/index.html', import.meta.url)))) {
  console.error('seller-portal: building the production bundle first');
  const { status } = spawnSync('pnpm', ['exec', 'ng', 'build'], {
    cwd: app,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (status !== 0) process.exit(status ?? 1);
}
const { createPortalServer } = await import('../server/server.mjs');
const port = Number(process.env.PORT ?? 4300);
const host = process.env.HOST ?? '127.0.0.1';
const server = createPortalServer().listen(port, host, () =>
  console.error(`seller-portal listening on http://${host}:${port}`),
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
