// `pnpm --dir <portal> start`: serves a portal's production build on PORT; builds it first when missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * - appDir: URL of the portal's folder; name: its build name; defaultPort: where it listens without PORT.
 * - createPortalServer: from the portal's server/server.mjs (loaded after the build).
 */
export async function startPortal({ appDir, name, defaultPort, loadServer }) {
  const app = fileURLToPath(appDir);
  if (!existsSync(fileURLToPath(new URL(`dist/${name}/browser/index.html`, appDir)))) {
    console.error(`${name}: building the production bundle first`);
    const { status } = spawnSync('pnpm', ['exec', 'ng', 'build'], {
      cwd: app,
      stdio: 'inherit',
      env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
    });
    if (status !== 0) process.exit(status ?? 1);
  }
  const { createPortalServer } = await loadServer();
  const port = Number(process.env.PORT ?? defaultPort);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createPortalServer().listen(port, host, () =>
    console.error(`${name} listening on http://${host}:${port}`),
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
}
