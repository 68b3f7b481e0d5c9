import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Logger } from '@marketplace/observability';
import { sendError } from '../http/error-replies';
import type { SubgraphEndpoint } from '../subgraphs';

export interface RestProxyOptions {
  services: readonly SubgraphEndpoint[];
  timeoutMs: number;
  logger: Logger;
  bodyLimitBytes: number;
  /** Routes (`<service>/<path>` under /api/v1/) that take larger bodies, with their limits: CSV imports. */
  largeBodyRoutes?: Readonly<Record<string, number>>;
  /** Identity, token requirement and rate limit, in order. */
  preHandler: preHandlerAsyncHookHandler[];
}

// Request headers a service may need besides the identity headers the gateway decided on.
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'idempotency-key', 'if-match', 'if-none-match'];
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'etag',
  'last-modified',
  'location',
  'retry-after',
];

/**
 * `/api/v1/<service>/<path>` → `<service base>/api/v1/<path>`. Bodies pass through unparsed; the service
 * validates them. Only paths that stay under the service's `/api/v1/` are proxied, so `..` cannot reach
 * its health or metrics endpoints.
 */
export function registerRestProxy(app: FastifyInstance, options: RestProxyOptions): void {
  const services = new Map(options.services.map((service) => [service.name, service]));

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // The route's bodyLimit (below) takes precedence over the parser's.
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes },
      (_request, body, done) => done(null, body),
    );

    const proxy = async (
      request: FastifyRequest,
      reply: FastifyReply,
      serviceName: string,
      path: string,
    ): Promise<FastifyReply> => {
      const service = services.get(serviceName);
      if (!service)
        return sendError(request, reply, {
          status: 404,
          code: 'NOT_FOUND',
          message: `No service named "${serviceName}"`,
        });
      const queryStart = request.url.indexOf('?');
      const target = new URL(
        `${service.url}/api/v1/${path}${queryStart >= 0 ? request.url.slice(queryStart) : ''}`,
      );
      if (!target.pathname.startsWith(`${new URL(service.url).pathname.replace(/\/$/, '')}/api/v1/`)) {
        return sendError(request, reply, {
          status: 400,
          code: 'BAD_REQUEST',
          message: 'The path leaves the service API',
        });
      }
      const headers: Record<string, string> = { ...request.identity?.forwardHeaders };
      for (const name of FORWARDED_REQUEST_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      let upstream: Response;
      try {
        upstream = await fetch(target, {
          method: request.method,
          headers,
          ...(Buffer.isBuffer(request.body) && request.body.length > 0
            ? { body: new Uint8Array(request.body) }
            : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        options.logger.warn({ err: error, service: service.name }, 'REST upstream unavailable');
        const timedOut = (error as Error).name === 'TimeoutError';
        return sendError(request, reply, {
          status: timedOut ? 504 : 502,
          code: 'SERVICE_UNAVAILABLE',
          message: `The ${service.name} service ${timedOut ? 'did not answer in time' : 'is unavailable'}`,
        });
      }
      reply.code(upstream.status);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value !== null) reply.header(name, value);
      }
      return reply.send(Buffer.from(await upstream.arrayBuffer()));
    };

    scope.route<{ Params: { service: string; '*': string } }>({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/api/v1/:service/*',
      config: { surface: 'rest' },
      bodyLimit: options.bodyLimitBytes,
      preHandler: options.preHandler,
      handler: (request, reply) => proxy(request, reply, request.params.service, request.params['*']),
    });
    for (const [route, bodyLimit] of Object.entries(options.largeBodyRoutes ?? {})) {
      const [serviceName = '', ...rest] = route.split('/');
      scope.route({
        method: ['POST', 'PUT'],
        url: `/api/v1/${route}`,
        config: { surface: 'rest' },
        bodyLimit,
        preHandler: options.preHandler,
        handler: (request, reply) => proxy(request, reply, serviceName, rest.join('/')),
      });
    }
  });
}
