import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { Logger } from '@marketplace/observability';
import { sendError } from '../http/error-replies';
import type { SubgraphEndpoint } from '../subgraphs';

export interface EventStreamProxyOptions {
  services: readonly SubgraphEndpoint[];
  /** How long the service may take to open the stream (answer its headers); the stream itself has no limit. */
  connectTimeoutMs: number;
  logger: Logger;
  /** Identity (optional: EventSource sends no Authorization; the service checks its ticket) and rate limit. */
  onRequest: onRequestAsyncHookHandler[];
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
    onRequest: options.onRequest,
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
      // node:http, not fetch: each event passes straight from the service's socket to the browser's, without
      // the web-stream conversions that cost more than the events themselves at thousands of connections.
      let upstream: IncomingMessage;
      try {
        upstream = await new Promise<IncomingMessage>((resolve, reject) => {
          const send = target.startsWith('https:') ? httpsRequest : httpRequest;
          const outgoing = send(target, { headers, timeout: options.connectTimeoutMs }, resolve);
          outgoing.once('timeout', () => outgoing.destroy(new Error('connect timeout')));
          outgoing.once('error', reject);
          reply.raw.once('close', () => outgoing.destroy());
          outgoing.end();
        });
      } catch (error) {
        options.logger.warn({ err: error, service: service.name }, 'event stream upstream unavailable');
        return sendError(request, reply, {
          status: 502,
          code: 'SERVICE_UNAVAILABLE',
          message: `The ${service.name} service is unavailable`,
        });
      }
      // Connected: the stream itself has no time limit.
      upstream.socket.setTimeout(0);
      reply.raw.once('close', () => upstream.destroy());
      reply.code(upstream.statusCode ?? 502);
      const type = upstream.headers['content-type'];
      if (type) reply.header('content-type', type);
      if (type?.startsWith('text/event-stream')) {
        reply.header('cache-control', 'no-cache, no-transform');
        reply.header('x-accel-buffering', 'no');
      }
      // The browser left or the service ended the stream: either way nothing more to pass on.
      upstream.on('error', () => upstream.destroy());
      return reply.send(upstream);
    },
  });
}
