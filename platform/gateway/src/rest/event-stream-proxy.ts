import { Readable } from 'node:stream';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Logger } from '@marketplace/observability';
import { sendError } from '../http/error-replies';
import type { SubgraphEndpoint } from '../subgraphs';

export interface EventStreamProxyOptions {
  services: readonly SubgraphEndpoint[];
  /** How long the service may take to open the stream (answer its headers); the stream itself has no limit. */
  connectTimeoutMs: number;
  logger: Logger;
  /** Identity (optional: EventSource sends no Authorization; the service checks its ticket) and rate limit. */
  preHandler: preHandlerAsyncHookHandler[];
}

// EventSource sends Last-Event-ID itself when it reconnects; the service resumes from it.
const FORWARDED_REQUEST_HEADERS = ['accept', 'last-event-id'];

/**
 * `GET /api/v1/<service>/stream` → `<service base>/api/v1/stream`, streamed as it comes (Server-Sent Events,
 * ADR 0026): no body timeout, no buffering, the upstream request ends when the browser goes away. Any gateway
 * replica can carry any stream, since the services fan events out to every replica themselves.
 */
export function registerEventStreamProxy(app: FastifyInstance, options: EventStreamProxyOptions): void {
  const services = new Map(options.services.map((service) => [service.name, service]));

  app.route<{ Params: { service: string } }>({
    method: 'GET',
    url: '/api/v1/:service/stream',
    config: { surface: 'rest' },
    preHandler: options.preHandler,
    handler: async (request, reply) => {
      const service = services.get(request.params.service);
      if (!service)
        return sendError(request, reply, {
          status: 404,
          code: 'NOT_FOUND',
          message: `No service named "${request.params.service}"`,
        });
      const queryStart = request.url.indexOf('?');
      const target = `${service.url}/api/v1/stream${queryStart >= 0 ? request.url.slice(queryStart) : ''}`;
      const headers: Record<string, string> = { ...request.identity?.forwardHeaders };
      for (const name of FORWARDED_REQUEST_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstreamAbort = new AbortController();
      request.raw.once('close', () => upstreamAbort.abort());
      const connectTimer = setTimeout(
        () => upstreamAbort.abort(new Error('connect timeout')),
        options.connectTimeoutMs,
      );
      let upstream: Response;
      try {
        upstream = await fetch(target, { headers, redirect: 'manual', signal: upstreamAbort.signal });
      } catch (error) {
        options.logger.warn({ err: error, service: service.name }, 'event stream upstream unavailable');
        return sendError(request, reply, {
          status: 502,
          code: 'SERVICE_UNAVAILABLE',
          message: `The ${service.name} service is unavailable`,
        });
      } finally {
        clearTimeout(connectTimer);
      }
      reply.code(upstream.status);
      const type = upstream.headers.get('content-type');
      if (type) reply.header('content-type', type);
      if (!type?.startsWith('text/event-stream') || !upstream.body) {
        return reply.send(Buffer.from(await upstream.arrayBuffer()));
      }
      reply.header('cache-control', 'no-cache, no-transform');
      reply.header('x-accel-buffering', 'no');
      const body = Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream<Uint8Array>);
      // The browser left or the service ended the stream: either way nothing more to pass on.
      body.on('error', () => body.destroy());
      return reply.send(body);
    },
  });
}
