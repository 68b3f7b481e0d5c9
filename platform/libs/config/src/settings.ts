import { bool, list, hostPort, oneOf, port, secret, str, url } from './fields';

/**
 * Schema fragments for the platform's shared settings. They are plain zod shapes so a service combines
 * them with its own variables: `z.object({ ...serviceSettings, ...mysqlSettings, MY_VAR: str() })`.
 * A fragment's field can be overridden by spreading a later key, e.g. `SERVICE_NAME: str().default('catalog')`.
 */

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
  MYSQL_URL: url(['mysql']),
};

export const redisSettings = {
  REDIS_URL: url(['redis', 'rediss']),
};

export const kafkaSettings = {
  KAFKA_BROKERS: list(hostPort()),
};

export const mongoSettings = {
  MONGODB_URL: url(['mongodb', 'mongodb+srv']),
};

/**
 * Endpoint and keys are optional because on AWS the SDK's default endpoint and the pod's IAM role are
 * used; locally they point at the S3-compatible gateway.
 */
export const s3Settings = {
  S3_ENDPOINT: url(['http', 'https']).optional(),
  S3_REGION: str('an AWS region').default('us-east-1'),
  S3_ACCESS_KEY_ID: secret().optional(),
  S3_SECRET_ACCESS_KEY: secret().optional(),
  S3_BUCKET: str('a bucket name'),
  S3_FORCE_PATH_STYLE: bool().default(false),
};

export const keycloakSettings = {
  KEYCLOAK_URL: url(['http', 'https']),
  KEYCLOAK_REALM: str('a realm name'),
  AUTH_AUDIENCE: str('a token audience').default('marketplace-api'),
  /** OAuth clients whose tokens may call service-to-service (`@InternalOnly()`) operations. */
  INTERNAL_CALLER_CLIENT_IDS: list(str('a client id')).default(['marketplace-services']),
};
