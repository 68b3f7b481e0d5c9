import {
  AngularNodeAppEngine,
  createNodeRequestHandler,
  isMainModule,
  writeResponseToNodeResponse,
} from '@angular/ssr/node';
import compression from 'compression';
import express from 'express';
import { join } from 'node:path';
import { configFromEnv } from './app/core/server-config';
import { graphqlProxy } from './server/graphql-proxy';
import { liveEventsProxy } from './server/live-proxy';

const browserDistFolder = join(import.meta.dirname, '../browser');
const upstream = process.env['STOREFRONT_GRAPHQL_UPSTREAM'] ?? 'http://127.0.0.1:4000/graphql';

const app = express();
const angularApp = new AngularNodeAppEngine({
  allowedHosts: [
    'localhost',
    '127.0.0.1',
    ...(process.env['STOREFRONT_HOSTS'] ?? '').split(',').filter(Boolean),
  ],
});

app.disable('x-powered-by');
// Proxies in front of this server that append to X-Forwarded-For (the load balancer: 1); 0 believes none.
app.set('trust proxy', Number(process.env['STOREFRONT_TRUSTED_PROXY_HOPS'] ?? 0));
app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
app.get('/health/ready', (_req, res) => void res.json({ status: 'ok' }));
// Runtime settings for the browser, from this server's environment (overrides the built-in public/config.json).
app.get(
  '/config.json',
  (_req, res) => void res.set('cache-control', 'no-cache').json(configFromEnv(process.env)),
);
// Same-origin GraphQL: the browser needs no CORS, and server rendering uses the same URL as the browser.
app.post(
  '/graphql',
  express.text({ type: '*/*', limit: '100kb' }),
  graphqlProxy(upstream, { clientAddressSecret: process.env['CLIENT_ADDRESS_SECRET'] }),
);
// Live stock and order updates, from the same gateway.
app.use('/api/v1/notifications', liveEventsProxy(upstream.replace(/\/graphql\/?$/, '')));

// Pages and bundles compressed (the JavaScript shrinks to a quarter); registered after the proxies above, so the
// live event stream is never held back in a compression buffer.
app.use(compression());
app.use(express.static(browserDistFolder, { maxAge: '1y', index: false, redirect: false }));

app.use((req, res, next) => {
  angularApp
    .handle(req)
    .then((response) => (response ? writeResponseToNodeResponse(response, res) : next()))
    .catch(next);
});

if (isMainModule(import.meta.url) || process.env['pm_id']) {
  const port = Number(process.env['PORT'] ?? 4200);
  const host = process.env['HOST'] ?? '0.0.0.0';
  app.listen(port, host, (error) => {
    if (error) throw error;
    console.error(`storefront listening on http://${host}:${port} (GraphQL upstream ${upstream})`);
  });
}

export const reqHandler = createNodeRequestHandler(app);
