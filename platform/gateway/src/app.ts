import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { TokenVerifier } from '@marketplace/auth';
import {
  PeriodicJob,
  ServiceMetrics,
  createLogger,
  graphqlCodeOf,
  traceIdOfRequest,
  type Logger,
} from '@marketplace/observability';
import { IdempotencyStore } from '@marketplace/rest';
import { RequestIdentifier, type RequestIdentity } from './auth/request-identity';
import type { GatewayConfig } from './config';
import { createGraphqlRuntime } from './graphql/graphql-runtime';
import { registerCors } from './http/cors';
import { gatewayErrorOf, sendError } from './http/error-replies';
import { registerHealthAndMetrics } from './http/health';
import { clientAddressResolver } from './rate-limit/client-address';
import { RedisRateLimiter, rateLimitSubjectOf } from './rate-limit/rate-limiter';
import { registerApiDocs } from './rest/api-docs';
import { registerEventStreamProxy } from './rest/event-stream-proxy';
import { OpenApiCatalog } from './rest/openapi-catalog';
import { registerRestProxy } from './rest/rest-proxy';
import { SupergraphSource } from './supergraph/supergraph-source';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: RequestIdentity;
  }
}

export interface GatewayDependencies {
  logger?: Logger;
  /** Defaults to a client of REDIS_URL, closed with the gateway. */
  redis?: Redis;
  /** Defaults to the realm's JWKS-backed verifier. */
  verifier?: TokenVerifier;
}

export interface Gateway {
  app: FastifyInstance;
  /** Metrics and detailed readiness, on GATEWAY_INTERNAL_PORT: reachable by probes and Prometheus only. */
  internalApp: FastifyInstance;
  supergraph: SupergraphSource;
  openApi: OpenApiCatalog;
  metrics: ServiceMetrics;
  /** Composes the first supergraph (or keeps retrying in the background) and starts the refresh timers. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const SERVICE_NAME = 'gateway';

export function createGateway(config: GatewayConfig, dependencies: GatewayDependencies = {}): Gateway {
  const logger = dependencies.logger ?? createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
  const metrics = new ServiceMetrics(SERVICE_NAME);
  const ownsRedis = dependencies.redis === undefined;
  const redis =
    dependencies.redis ??
    new Redis(config.REDIS_URL, {
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      lazyConnect: false,
    });
  redis.on('error', (error) => logger.debug({ err: error }, 'Redis connection error'));
  const issuer = `${config.KEYCLOAK_URL.replace(/\/$/, '')}/realms/${config.KEYCLOAK_REALM}`;
  const identifier = new RequestIdentifier(
    dependencies.verifier ?? new TokenVerifier({ issuer, audience: config.AUTH_AUDIENCE }),
  );
  const limiter = new RedisRateLimiter(redis, {
    prefix: config.RATE_LIMIT_KEY_PREFIX,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    burstSeconds: config.RATE_LIMIT_BURST_SECONDS,
    limits: {
      tenant: config.RATE_LIMIT_TENANT,
      user: config.RATE_LIMIT_USER,
      ip: config.RATE_LIMIT_ANONYMOUS,
    },
  });

  // The REST API's own per-tenant budget, announced in the IETF RateLimit/RateLimit-Policy headers.
  const restLimiter = new RedisRateLimiter(redis, {
    prefix: `${config.RATE_LIMIT_KEY_PREFIX}:rest`,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    burstSeconds: config.RATE_LIMIT_BURST_SECONDS,
    limits: {
      tenant: config.RATE_LIMIT_REST_TENANT,
      user: config.RATE_LIMIT_USER,
      ip: config.RATE_LIMIT_ANONYMOUS,
    },
  });
  const idempotency = new IdempotencyStore(redis, {
    prefix: config.IDEMPOTENCY_KEY_PREFIX,
    ttlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
    lockSeconds: Math.ceil(config.SUBGRAPH_TIMEOUT_MS / 1000) + 5,
  });

  const subgraphs = config.SUBGRAPHS;
  const supergraph = new SupergraphSource({
    subgraphs,
    logger,
    timeoutMs: Math.min(config.SUBGRAPH_TIMEOUT_MS, 5000),
    // The runtime re-reads `supergraphSdl` and rebuilds its schema and query planner once per change.
    onChange: () => {
      Promise.resolve()
        .then(() => graphql.invalidateUnifiedGraph())
        .catch((error: unknown) => logger.error({ err: error }, 'Loading the new supergraph failed'));
    },
  });
  const openApi = new OpenApiCatalog(subgraphs, logger, Math.min(config.SUBGRAPH_TIMEOUT_MS, 5000));
  const graphql = createGraphqlRuntime({
    supergraph: () => supergraph.supergraphSdl,
    logger,
    graphiql: config.NODE_ENV === 'development',
    introspection: config.NODE_ENV !== 'production',
    limits: {
      maxDepth: config.MAX_QUERY_DEPTH,
      maxTokens: config.MAX_QUERY_TOKENS,
      maxAliases: config.MAX_QUERY_ALIASES,
      maxCost: config.MAX_QUERY_COST,
    },
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    responseCache: { ttlMs: config.RESPONSE_CACHE_TTL_MS, maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES },
  });

  const rateLimitedTotal = new Counter({
    name: 'gateway_rate_limited_total',
    help: 'Requests refused with 429, by limit scope.',
    labelNames: ['scope'],
    registers: [metrics.registry],
  });
  metrics.gauge({
    name: 'gateway_supergraph_subgraphs',
    help: 'Subgraphs in the supergraph being served.',
    collect: (gauge) => gauge.set(supergraph.status().composed.length),
  });
  metrics.gauge({
    name: 'gateway_supergraph_composition_ok',
    help: '1 when the last supergraph composition succeeded, 0 when the gateway serves an older one.',
    collect: (gauge) => gauge.set(supergraph.status().errors.length === 0 ? 1 : 0),
  });

  const app = Fastify({
    logger: false,
    bodyLimit: config.MAX_BODY_BYTES,
    // A hop count, as the load balancer in front guarantees it (this Fastify refuses a bare number as unverifiable).
    trustProxy:
      config.TRUSTED_PROXY_HOPS > 0
        ? (_address: string, hop: number) => hop < config.TRUSTED_PROXY_HOPS
        : false,
    // Clients may keep connections open; the default keep-alive timeout is shorter than most load balancers'.
    keepAliveTimeout: 65_000,
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-trace-id', traceIdOfRequest(request));
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest({
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      status: reply.statusCode,
      ...(request.identity?.principal?.tenantId ? { tenantId: request.identity.principal.tenantId } : {}),
      durationSeconds: reply.elapsedTime / 1000,
    });
  });
  registerCors(app, { origins: config.CORS_ORIGINS });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500)
      logger.error({ err: error, route: request.routeOptions.url }, 'Gateway request failed');
    const message =
      status === 413
        ? `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? config.MAX_BODY_BYTES} bytes`
        : status < 500
          ? error.message
          : 'Internal server error';
    return sendError(request, reply, {
      status,
      code: status === 413 ? 'PAYLOAD_TOO_LARGE' : graphqlCodeOf(status),
      message,
    });
  });

  const identify = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      request.identity = await identifier.identify(request.headers);
    } catch (error) {
      const refusal = gatewayErrorOf(error);
      if (!refusal) throw error;
      if (refusal.status >= 500) logger.warn({ err: error }, 'Token verification unavailable');
      return sendError(request, reply, refusal);
    }
  };

  const requireToken = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.identity?.principal) return;
    return sendError(request, reply, {
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'A bearer access token is required',
      reason: 'missing_token',
    });
  };

  const clientAddressOf = clientAddressResolver(config.CLIENT_ADDRESS_SECRET);
  let lastRedisWarning = 0;
  const rateLimit = async (request: FastifyRequest, reply: FastifyReply) => {
    const subject = rateLimitSubjectOf(request.identity?.principal, clientAddressOf(request));
    const rest = request.routeOptions.config.surface === 'rest';
    let decision;
    try {
      decision = await (rest ? restLimiter : limiter).consume(subject);
    } catch (error) {
      // Fail open: losing Redis must not take the API down; the services' own limits still apply.
      if (Date.now() - lastRedisWarning > 10_000) {
        lastRedisWarning = Date.now();
        logger.warn({ err: error }, 'Rate limiter unavailable; requests pass unlimited');
      }
      return;
    }
    reply.header('ratelimit-limit', decision.limit);
    reply.header('ratelimit-remaining', decision.remaining);
    reply.header('ratelimit-reset', decision.resetSeconds);
    if (rest) {
      reply.header(
        'ratelimit-policy',
        `"${subject.scope}";q=${decision.limit};w=${config.RATE_LIMIT_WINDOW_SECONDS}`,
      );
      reply.header('ratelimit', `"${subject.scope}";r=${decision.remaining};t=${decision.resetSeconds}`);
    }
    if (decision.allowed) return;
    rateLimitedTotal.inc({ scope: subject.scope });
    reply.header('retry-after', decision.retryAfterSeconds);
    return sendError(request, reply, {
      status: 429,
      code: 'RATE_LIMITED',
      message: `Rate limit of ${decision.limit} requests per ${config.RATE_LIMIT_WINDOW_SECONDS} s (at most ${decision.burst} at once) exceeded; retry in ${decision.retryAfterSeconds} s`,
    });
  };

  // Identity and rate limit run on the headers alone, before the body is read: a refused request costs a cached
  // token look-up and one Redis call, not body parsing or a GraphQL parse.
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    config: { surface: 'graphql' },
    onRequest: [identify, rateLimit],
    handler: async (request, reply) => {
      if (supergraph.supergraphSdl === undefined) {
        return sendError(request, reply, {
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
          message: 'The API is starting: no supergraph has been composed yet',
        });
      }
      const response = await graphql.handleNodeRequestAndResponse(request, reply, { req: request, reply });
      response.headers.forEach((value, name) => void reply.header(name, value));
      reply.code(response.status);
      const type = response.headers.get('content-type') ?? '';
      // Streams (subscriptions, @defer) pass through; single results are small strings, cheaper sent whole.
      if (type.includes('event-stream') || type.includes('multipart')) return reply.send(response.body);
      return reply.send(await response.text());
    },
  });

  registerRestProxy(app, {
    services: subgraphs,
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    bodyLimitBytes: config.MAX_BODY_BYTES,
    largeBodyRoutes: { 'catalog/products/import': config.MAX_IMPORT_BODY_BYTES },
    logger,
    onRequest: [identify, requireToken, rateLimit],
    idempotency,
  });
  registerEventStreamProxy(app, {
    services: subgraphs,
    connectTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    logger,
    onRequest: [identify, rateLimit],
  });
  registerApiDocs(app, openApi);
  const internalApp = Fastify({ logger: false });
  registerHealthAndMetrics(app, internalApp, { subgraphs, supergraph, redis, metrics });

  const refreshMs = config.SUPERGRAPH_REFRESH_SECONDS * 1000;
  const openApiRefresh = new PeriodicJob(
    { name: 'openapi-refresh', intervalMs: refreshMs, run: () => openApi.refresh() },
    logger,
    metrics,
  );

  return {
    app,
    internalApp,
    supergraph,
    openApi,
    metrics,
    async start() {
      await Promise.all([supergraph.start(refreshMs), openApi.refresh()]);
      openApiRefresh.start();
    },
    async close() {
      supergraph.stop();
      await openApiRefresh.stop();
      await Promise.all([app.close(), internalApp.close()]);
      await graphql.dispose();
      if (ownsRedis) redis.disconnect();
    },
  };
}
