import type { FastifyInstance } from 'fastify';

export interface CorsOptions {
  /** Exact origins (`scheme://host:port`) of the browser apps allowed to call the API. */
  origins: readonly string[];
  maxAgeSeconds?: number;
}

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'idempotency-key',
  'traceparent',
  'tracestate',
  'x-request-id',
  'x-tenant-id',
].join(', ');
const EXPOSED_HEADERS = [
  'idempotent-replayed',
  'ratelimit',
  'ratelimit-limit',
  'ratelimit-policy',
  'ratelimit-remaining',
  'ratelimit-reset',
  'retry-after',
  'x-request-id',
  'x-trace-id',
].join(', ');

/**
 * CORS for the platform's browser apps only. A preflight from any other origin is answered 403, so the
 * browser never sends the real request; a simple request from one gets no CORS headers and the browser
 * hides the answer from the page.
 */
export function registerCors(app: FastifyInstance, options: CorsOptions): void {
  const allowed = new Set(options.origins);
  const maxAge = String(options.maxAgeSeconds ?? 600);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const preflight =
      request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    reply.header('vary', 'Origin');
    if (!allowed.has(origin)) {
      if (preflight)
        return reply
          .code(403)
          .send({ statusCode: 403, error: 'Forbidden', message: 'This origin may not call the API' });
      return;
    }
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    if (preflight) {
      return reply
        .header('access-control-allow-methods', ALLOWED_METHODS)
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', maxAge)
        .code(204)
        .send();
    }
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
  });
}
