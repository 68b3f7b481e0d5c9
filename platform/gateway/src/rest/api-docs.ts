import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OpenApiCatalog } from './openapi-catalog';
import { DEVELOPER_GUIDE_PATH } from './openapi-merge';

/**
 * The developer guide's pages, the only files served from it: a request names one of them, never a path. The
 * guide is docs/developers in the repository; the gateway's image carries a copy beside its code
 * (docker/node-service.Dockerfile).
 */
const GUIDE_PAGES = new Set(['README.md', 'webhooks.md']);
const GUIDE_DIR = [
  join(__dirname, '../../docs/developers'),
  join(__dirname, '../../../../docs/developers'),
].find((dir) => existsSync(join(dir, 'README.md')));

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Marketplace REST API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <p><a href="${DEVELOPER_GUIDE_PATH}">Developer guide</a>: authentication, pagination, errors, idempotency, rate limits, SDK and webhooks.</p>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// A separate script rather than an inline one, so a strict Content-Security-Policy can forbid inline code.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  persistAuthorization: false,
});
`;

/**
 * `/openapi.json` (the merged document), `/docs` (Swagger UI served from the bundled swagger-ui-dist) and
 * `/docs/guide/` (the developer guide's markdown: README.md there, its other pages beside it).
 */
export function registerApiDocs(app: FastifyInstance, catalog: OpenApiCatalog): void {
  const assetDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Buffer>();

  app.get('/openapi.json', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(catalog.document),
  );
  app.get('/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  // The guide's pages link each other relatively (`webhooks.md`): they resolve only under the trailing slash.
  app.get(DEVELOPER_GUIDE_PATH, async (_request, reply) => reply.redirect(`${DEVELOPER_GUIDE_PATH}/`, 301));
  const guidePage = async (page: string, reply: FastifyReply) => {
    if (!GUIDE_PAGES.has(page))
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such guide page' });
    const guide =
      GUIDE_DIR === undefined ? undefined : await readFile(join(GUIDE_DIR, page)).catch(() => undefined);
    if (!guide)
      return reply
        .code(404)
        .send({ statusCode: 404, error: 'Not Found', message: 'The developer guide is not bundled here' });
    return reply.type('text/markdown; charset=utf-8').header('cache-control', 'no-cache').send(guide);
  };
  app.get(`${DEVELOPER_GUIDE_PATH}/`, async (_request, reply) => guidePage('README.md', reply));
  app.get<{ Params: { page: string } }>(`${DEVELOPER_GUIDE_PATH}/:page`, async (request, reply) =>
    guidePage(request.params.page, reply),
  );
  app.get('/docs/init.js', async (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(INIT),
  );
  app.get<{ Params: { file: string } }>('/docs/assets/:file', async (request, reply) => {
    const { file } = request.params;
    const type = ASSETS[file];
    if (type === undefined)
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such asset' });
    let content = cache.get(file);
    if (content === undefined) {
      content = await readFile(join(assetDir, file));
      cache.set(file, content);
    }
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(content);
  });
}
