import { z } from 'zod';
import {
  LOG_LEVELS,
  int,
  keycloakSettings,
  list,
  loadConfigOrExit,
  notLoopback,
  oneOf,
  port,
  productionGuard,
  redisSettings,
  str,
  url,
  type Env,
} from '@marketplace/config';
import { parseSubgraphEntry, type SubgraphEndpoint } from './subgraphs';

const DEFAULT_SUBGRAPHS = [
  'tenants=http://127.0.0.1:4101',
  'catalog=http://127.0.0.1:4102',
  'media=http://127.0.0.1:4103',
  'reviews=http://127.0.0.1:4109',
  'cart=http://127.0.0.1:4105',
  'inventory=http://127.0.0.1:4106',
  'orders=http://127.0.0.1:4107',
  'payments=http://127.0.0.1:4108',
  'notifications=http://127.0.0.1:4110',
  'webhooks=http://127.0.0.1:4111',
].join(',');
const APP_PORTS = [4200, 4300, 4400];
const DEFAULT_CORS_ORIGINS = APP_PORTS.flatMap((appPort) => [
  `http://localhost:${appPort}`,
  `http://127.0.0.1:${appPort}`,
]).join(',');

const subgraphEntry = () =>
  str('name=url').transform((entry, context): SubgraphEndpoint => {
    const parsed = parseSubgraphEntry(entry);
    if (typeof parsed === 'string') {
      context.addIssue({ code: 'custom', message: `expected name=url (${parsed})` });
      return z.NEVER;
    }
    return parsed;
  });

const origin = () => url(['http', 'https']).transform((value) => new URL(value).origin);

export const gatewayConfigSchema = z.object({
  ...keycloakSettings,
  ...redisSettings,
  GATEWAY_PORT: port().default(4000),
  /**
   * `/metrics` and the detailed `/health/ready`, for probes and Prometheus only (no route from the load
   * balancer); 0 picks a free port.
   */
  GATEWAY_INTERNAL_PORT: int({ min: 0, max: 65535 }).default(4009),
  /** Loopback locally; containers set 0.0.0.0. */
  GATEWAY_HOST: str('a host name or address').default('127.0.0.1'),
  LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
  NODE_ENV: oneOf(['development', 'test', 'production']).default('development'),
  /** `name=baseUrl` per subgraph; the gateway calls `<baseUrl>/graphql`, `/openapi.json`, `/api/v1/...`, `/health/live`. */
  SUBGRAPHS: productionGuard(list(subgraphEntry()).prefault(DEFAULT_SUBGRAPHS), notLoopback()),
  SUPERGRAPH_REFRESH_SECONDS: int({ min: 1, max: 3600 }).default(30),
  SUBGRAPH_TIMEOUT_MS: int({ min: 100, max: 120000 }).default(10000),
  /** Production refuses loopback origins: a page served from the user's own machine must not call the API. */
  CORS_ORIGINS: productionGuard(list(origin()).prefault(DEFAULT_CORS_ORIGINS), notLoopback()),
  /**
   * Proxies in front of the gateway that append to X-Forwarded-For (the load balancer: 1). The client address is
   * the entry that many hops from the right; entries further left are the caller's own claims and never believed.
   */
  TRUSTED_PROXY_HOPS: int({ min: 0, max: 10 }).default(0),
  /**
   * Shared with the storefront's server-side proxy, which sends it with the client address it saw
   * (`x-client-address`); without it, or with a wrong one, that header is ignored.
   */
  CLIENT_ADDRESS_SECRET: z.string().min(24, 'expected a secret of at least 24 characters').optional(),
  /** The unit of the limits below: each is a sustained rate of so many requests per this many seconds. */
  RATE_LIMIT_WINDOW_SECONDS: int({ min: 1, max: 3600 }).default(60),
  /**
   * How many seconds of its rate a subject may send at once after a quiet spell (at most a window's worth); past
   * that it is refused at once until the rate lets the next request in, so a limit holds over short intervals too.
   */
  RATE_LIMIT_BURST_SECONDS: int({ min: 1, max: 3600 }).default(5),
  /** Requests per window for one tenant (seller users and API clients of that tenant together). */
  RATE_LIMIT_TENANT: int({ min: 1 }).default(6000),
  /** Requests per window for one signed-in user without a tenant (buyers, admins). */
  RATE_LIMIT_USER: int({ min: 1 }).default(1200),
  /** Requests per window for one client address without a token. */
  RATE_LIMIT_ANONYMOUS: int({ min: 1 }).default(600),
  /**
   * Requests per window for one tenant on the REST API (/api/v1), counted apart from its GraphQL traffic so an
   * integrator's sync job cannot starve the seller portal.
   */
  RATE_LIMIT_REST_TENANT: int({ min: 1 }).default(1200),
  RATE_LIMIT_KEY_PREFIX: str('a Redis key prefix').default('gateway:ratelimit'),
  /** How long a POST answer is replayed for a repeated `Idempotency-Key` (Stripe keeps them 24 h). */
  IDEMPOTENCY_TTL_SECONDS: int({ min: 60, max: 7 * 86400 }).default(86400),
  IDEMPOTENCY_KEY_PREFIX: str('a Redis key prefix').default('gateway:idempotency'),
  /**
   * How long anonymous query results (product lists and pages, categories) are served from this gateway's
   * memory; 0 turns the cache off. Authenticated and cart-token requests are never cached.
   */
  RESPONSE_CACHE_TTL_MS: int({ min: 0, max: 300_000 }).default(2000),
  RESPONSE_CACHE_MAX_ENTRIES: int({ min: 1 }).default(2000),
  MAX_BODY_BYTES: int({ min: 1024, max: 10 * 1024 * 1024 }).default(100 * 1024),
  /** Body limit of the CSV product import (`POST /api/v1/catalog/products/import`), as the catalog documents it. */
  MAX_IMPORT_BODY_BYTES: int({ min: 1024, max: 50 * 1024 * 1024 }).default(5 * 1024 * 1024),
  MAX_QUERY_DEPTH: int({ min: 1, max: 100 }).default(12),
  MAX_QUERY_TOKENS: int({ min: 10 }).default(3000),
  MAX_QUERY_ALIASES: int({ min: 0 }).default(30),
  MAX_QUERY_COST: int({ min: 1 }).default(20000),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  return loadConfigOrExit(gatewayConfigSchema, env);
}
