import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Logger } from '@marketplace/observability';
import {
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  isValidIdempotencyKey,
  requestFingerprint,
  type IdempotencyStore,
  type StoredAnswer,
} from '@marketplace/rest';
import { sendError, type GatewayError } from '../http/error-replies';
import type { SubgraphEndpoint } from '../subgraphs';

export interface RestProxyOptions {
  services: readonly SubgraphEndpoint[];
  timeoutMs: number;
  logger: Logger;
  bodyLimitBytes: number;
  /** Routes (`<service>/<path>` under /api/v1/) that take larger bodies, with their limits: CSV imports. */
  largeBodyRoutes?: Readonly<Record<string, number>>;
  /** Identity, token requirement and rate limit, in order. */
  onRequest: onRequestAsyncHookHandler[];
  /** Where POST answers are kept for `Idempotency-Key` replays. */
  idempotency: IdempotencyStore;
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

  /**
   * A POST with `Idempotency-Key` (Stripe's semantics), per tenant: the first runs and its answer is kept; the
   * same key and request again gets that answer without reaching the service; the same key with another request
   * is 422; while the first still runs, 409. Answers of 5xx, 409 and 429 are not kept, so a retry runs again.
   * Without Redis nothing can be promised, so such a POST is refused (503) rather than perhaps run twice.
   */
  const idempotentPost = async (
    request: FastifyRequest,
    key: string,
    body: Buffer | undefined,
    forward: () => Promise<StoredAnswer | GatewayError>,
  ): Promise<(StoredAnswer & { replayed?: boolean }) | GatewayError> => {
    if (!isValidIdempotencyKey(key))
      return {
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'Idempotency-Key must be 1-255 visible ASCII characters',
      };
    const principal = request.identity?.principal;
    const scope = principal?.tenantId ? `tenant:${principal.tenantId}` : `user:${principal?.userId ?? ''}`;
    let claim;
    try {
      claim = await options.idempotency.claim(scope, key, requestFingerprint('POST', request.url, body));
    } catch (error) {
      options.logger.warn({ err: error }, 'Idempotency store unavailable');
      return {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'Idempotent requests are unavailable for a moment; retry with the same Idempotency-Key',
      };
    }
    if (claim.kind === 'mismatch')
      return {
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'This Idempotency-Key was used with another request; use a new key for a new request',
      };
    if (claim.kind === 'in-flight')
      return {
        status: 409,
        code: 'IDEMPOTENCY_KEY_IN_USE',
        message: 'A request with this Idempotency-Key is still running; retry once it has finished',
      };
    if (claim.kind === 'replay') return { ...claim.answer, replayed: true };
    let outcome: StoredAnswer | GatewayError | undefined;
    try {
      outcome = await forward();
    } finally {
      const keep =
        outcome &&
        'body' in outcome &&
        outcome.status < 500 &&
        outcome.status !== 409 &&
        outcome.status !== 429;
      await claim
        .release(keep ? (outcome as StoredAnswer) : undefined)
        .catch((error: unknown) => options.logger.warn({ err: error }, 'Idempotency store unavailable'));
    }
    return outcome;
  };

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
      const body = Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : undefined;
      const forward = async (): Promise<StoredAnswer | GatewayError> => {
        let upstream: Response;
        try {
          upstream = await fetch(target, {
            method: request.method,
            headers,
            ...(body ? { body: new Uint8Array(body) } : {}),
            redirect: 'manual',
            signal: AbortSignal.timeout(options.timeoutMs),
          });
        } catch (error) {
          options.logger.warn({ err: error, service: service.name }, 'REST upstream unavailable');
          const timedOut = (error as Error).name === 'TimeoutError';
          return {
            status: timedOut ? 504 : 502,
            code: 'SERVICE_UNAVAILABLE',
            message: `The ${service.name} service ${timedOut ? 'did not answer in time' : 'is unavailable'}`,
          };
        }
        const answerHeaders: Record<string, string> = {};
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = upstream.headers.get(name);
          if (value !== null) answerHeaders[name] = value;
        }
        return {
          status: upstream.status,
          headers: answerHeaders,
          body: Buffer.from(await upstream.arrayBuffer()),
        };
      };

      const key = request.headers[IDEMPOTENCY_HEADER];
      const outcome =
        request.method === 'POST' && typeof key === 'string'
          ? await idempotentPost(request, key, body, forward)
          : await forward();
      if (!('body' in outcome)) return sendError(request, reply, outcome);
      reply.code(outcome.status).headers(outcome.headers);
      if ('replayed' in outcome && outcome.replayed) reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return reply.send(outcome.body);
    };

    scope.route<{ Params: { service: string; '*': string } }>({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/api/v1/:service/*',
      config: { surface: 'rest' },
      bodyLimit: options.bodyLimitBytes,
      onRequest: options.onRequest,
      handler: (request, reply) => proxy(request, reply, request.params.service, request.params['*']),
    });
    for (const [route, bodyLimit] of Object.entries(options.largeBodyRoutes ?? {})) {
      const [serviceName = '', ...rest] = route.split('/');
      scope.route({
        method: ['POST', 'PUT'],
        url: `/api/v1/${route}`,
        config: { surface: 'rest' },
        bodyLimit,
        onRequest: options.onRequest,
        handler: (request, reply) => proxy(request, reply, serviceName, rest.join('/')),
      });
    }
  });
}
