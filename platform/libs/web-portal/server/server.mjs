// Serves a built portal (a single-page app) for `npm start` and the browser tests: hashed assets cached for a
// year, every other path falls back to index.html, `/config.json` written from this process's environment.
// Deployments serve the same files from nginx (docker/angular-app.Dockerfile, target spa) with a mounted config.json.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...headers });
  res.end(body);
}

async function file(path) {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? info : null;
}

/**
 * The server of one portal.
 * - name: the app folder and build name (e.g. 'admin-portal'), named in messages.
 * - browserDir: URL of its build output (dist/<name>/browser/).
 * - envPrefix: its settings are <PREFIX>_GRAPHQL_URL, <PREFIX>_STOREFRONT_URL, <PREFIX>_KEYCLOAK_CLIENT_ID;
 *   KEYCLOAK_URL and KEYCLOAK_REALM are shared. Defaults are the local stack's addresses.
 */
export function portalServer({ name, browserDir, envPrefix }) {
  const root = fileURLToPath(browserDir);

  /** The browser's settings. */
  function portalConfig(env) {
    return {
      graphqlUrl: env[`${envPrefix}_GRAPHQL_URL`] ?? 'http://127.0.0.1:4000/graphql',
      storefrontUrl: env[`${envPrefix}_STOREFRONT_URL`] ?? 'http://localhost:4200',
      keycloak: {
        url: env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080',
        realm: env.KEYCLOAK_REALM ?? 'marketplace',
        clientId: env[`${envPrefix}_KEYCLOAK_CLIENT_ID`] ?? name,
      },
    };
  }

  function createPortalServer(env = process.env) {
    const config = JSON.stringify(portalConfig(env));
    return createServer(async (req, res) => {
      const { pathname } = new URL(req.url ?? '/', 'http://portal');
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'text/plain', 'method not allowed');
      if (['/health/live', '/health/ready', '/healthz'].includes(pathname))
        return send(res, 200, 'application/json', '{"status":"ok"}');
      if (pathname === '/config.json')
        return send(res, 200, 'application/json', config, { 'cache-control': 'no-cache' });
      let decoded;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return send(res, 400, 'text/plain', 'bad path');
      }
      const path = normalize(join(root, decoded));
      if (!path.startsWith(root) && path + sep !== root) return send(res, 404, 'text/plain', 'not found');
      const asset = extname(path) ? await file(path) : null;
      if (extname(path) && !asset) return send(res, 404, 'text/plain', 'not found');
      const target = asset ? path : join(root, 'index.html');
      const info = asset ?? (await file(target));
      if (!info) return send(res, 503, 'text/plain', `the ${name} is not built (pnpm --dir ${name} build)`);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
        'content-length': info.size,
        // Built file names carry a content hash; index.html must be revalidated to pick up a new build.
        'cache-control': /-[A-Za-z0-9_-]{8,}\.(js|css)$/.test(target)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(target).pipe(res);
    });
  }

  return { portalConfig, createPortalServer };
}
