import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@marketplace/observability';
import { hiveLoggerOf } from './hive-logger';
import { publicResponseCache, type PublicResponseCacheOptions } from './public-response-cache';
import { resultShapingPlugin } from './result-shaping.plugin';

export interface OperationLimits {
  maxDepth: number;
  maxTokens: number;
  maxAliases: number;
  maxCost: number;
}

export interface GraphqlRuntimeOptions {
  /** The supergraph currently served; read on each (re)load of the unified graph. */
  supergraph: () => string | undefined;
  logger: Logger;
  /** GraphiQL is served in development only. */
  graphiql: boolean;
  /** Introspection is refused in production. */
  introspection: boolean;
  limits: OperationLimits;
  subgraphTimeoutMs: number;
  /** Anonymous query results kept this long; a TTL of 0 turns the cache off. */
  responseCache: PublicResponseCacheOptions;
}

/** What the Fastify route hands the runtime; `forwardHeaders` was settled by the identity check. */
export interface GatewayServerContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Hive Gateway over the composed supergraph. Limits run at parse (tokens) and validation (depth, aliases,
 * cost), so a refused operation never reaches a subgraph. The runtime receives the caller's identity
 * headers from the Fastify request and passes exactly those to every subgraph.
 */
export function createGraphqlRuntime(options: GraphqlRuntimeOptions): GatewayRuntime<GatewayServerContext> {
  const { limits } = options;
  return createGatewayRuntime<GatewayServerContext>({
    supergraph: () => {
      const sdl = options.supergraph();
      if (sdl === undefined) throw new Error('No supergraph has been composed yet');
      return sdl;
    },
    // The Rust query planner, and results projected from the subgraphs' answers rather than executed again
    // through graphql-tools' delegation resolvers, which cost most of the gateway's CPU per request (ADR 0053).
    unifiedGraphHandler,
    transports: { http: httpTransport },
    // Identical concurrent subgraph queries are not coalesced: coalescing deep-copies every subgraph answer
    // (structuredClone, the gateway's largest single frame after the planner change, ADR 0053) to save calls
    // that only identical anonymous queries share, which the response cache answers anyway.
    transportEntries: { '*': { options: { deduplicateInflightRequests: false } } },
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ? { title: 'Marketplace API' } : false,
    landingPage: false,
    // Requests are correlated by the W3C trace id (x-trace-id); a second random id per request is wasted work.
    requestId: false,
    // CORS is answered by the Fastify hook before a request reaches the runtime.
    cors: false,
    logging: hiveLoggerOf(options.logger),
    ...(options.introspection ? {} : { disableIntrospection: {} }),
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }) => context.req?.identity?.forwardHeaders,
    },
    upstreamTimeout: options.subgraphTimeoutMs,
    plugins: () => [
      maxTokensPlugin({ n: limits.maxTokens }),
      maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true }),
      maxAliasesPlugin({ n: limits.maxAliases }),
      costLimitPlugin({ maxCost: limits.maxCost, flattenFragments: true, ignoreIntrospection: true }),
      resultShapingPlugin(),
      ...(options.responseCache.ttlMs > 0 ? publicResponseCache(options.responseCache) : []),
    ],
  });
}
