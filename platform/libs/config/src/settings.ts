import { bool, list, hostPort, oneOf, port, secret, str, url } from './fields';
import { notLocalSecret, notLoopback, productionGuard } from './production-guards';

/**
 * Schema fragments for the platform's shared settings. They are plain zod shapes so a service combines
 * them with its own variables: `z.object({ ...serviceSettings, ...mysqlSettings, MY_VAR: str() })`.
 * A fragment's field can be overridden by spreading a later key, e.g. `SERVICE_NAME: str().default('catalog')`.
 * Dependency addresses carry production guards: with NODE_ENV=production a loopback address is refused.
 */

/**
 * Credentials of the local stack (platform/stack/defaults.env, docker-compose.yml, the local realm): known
 * to everyone, so production refuses them wherever a secret is read.
 */
export const LOCAL_STACK_SECRETS = [
  'marketplace',
  'marketplace-secret',
  'marketplace-root',
  'marketplace-services-secret',
  'marketplace-provisioning-secret',
] as const;

/** A Keycloak confidential client's secret; the local realm's secrets are refused in production. */
export function keycloakClientSecret() {
  return productionGuard(secret(), notLocalSecret(...LOCAL_STACK_SECRETS));
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const serviceSettings = {
  SERVICE_NAME: str('a service name'),
  PORT: port().default(3000),
  /** Address the HTTP server binds: loopback locally; containers set 0.0.0.0 (the Helm charts do). */
  HOST: str('a host name or address').default('127.0.0.1'),
  LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
  NODE_ENV: oneOf(['development', 'test', 'production']).default('development'),
};

/** Server URL without a database path: each service appends its own database name. */
export const mysqlSettings = {
  MYSQL_URL: productionGuard(url(['mysql']), notLoopback(), notLocalSecret(...LOCAL_STACK_SECRETS)),
};

export const redisSettings = {
  REDIS_URL: productionGuard(url(['redis', 'rediss']), notLoopback()),
};

export const kafkaSettings = {
  KAFKA_BROKERS: productionGuard(list(hostPort()), notLoopback()),
};

export const mongoSettings = {
  MONGODB_URL: productionGuard(
    url(['mongodb', 'mongodb+srv']),
    notLoopback(),
    notLocalSecret(...LOCAL_STACK_SECRETS),
  ),
};

/**
 * Endpoint and keys are optional because on AWS the SDK's default endpoint and the pod's IAM role are
 * used; locally they point at the S3-compatible gateway.
 */
export const s3Settings = {
  S3_ENDPOINT: productionGuard(url(['http', 'https']).optional(), notLoopback()),
  S3_REGION: str('an AWS region').default('us-east-1'),
  S3_ACCESS_KEY_ID: productionGuard(secret().optional(), notLocalSecret(...LOCAL_STACK_SECRETS)),
  S3_SECRET_ACCESS_KEY: productionGuard(secret().optional(), notLocalSecret(...LOCAL_STACK_SECRETS)),
  S3_BUCKET: str('a bucket name'),
  S3_FORCE_PATH_STYLE: bool().default(false),
};

export const keycloakSettings = {
  KEYCLOAK_URL: productionGuard(url(['http', 'https']), notLoopback()),
  KEYCLOAK_REALM: str('a realm name'),
  AUTH_AUDIENCE: str('a token audience').default('marketplace-api'),
  /** OAuth clients whose tokens may call service-to-service (`@InternalOnly()`) operations. */
  INTERNAL_CALLER_CLIENT_IDS: list(str('a client id')).default(['marketplace-services']),
};
