// `pnpm --dir storefront start`: serves the production SSR build on PORT (default 4200), building it first if missing.
/* global process, console */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'dist/storefront/server/server.mjs');

if (!existsSync(server)) {
  console.error('storefront: no production build yet, building it');
  const build = spawnSync('pnpm', ['exec', 'ng', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, [server], {
  cwd: root,
  stdio: 'inherit',
  env: { PORT: '4200', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
