import {
  bool,
  int,
  kafkaSettings,
  keycloakSettings,
  mongoSettings,
  mysqlSettings,
  port,
  redisSettings,
  serviceSettings,
  str,
} from '@marketplace/config';
import type { z } from 'zod';

export interface ServiceDefaults {
  service: string;
  port: number;
}

/** Server, logs and Keycloak, with the service's own name and port as defaults. */
function ownServiceSettings(defaults: ServiceDefaults) {
  return {
    ...serviceSettings,
    ...keycloakSettings,
    SERVICE_NAME: str('a service name').default(defaults.service),
    PORT: port().default(defaults.port),
  };
}

/**
 * The settings every MySQL service reads (server, logs, Keycloak, MySQL, Kafka), with its own name, port and
 * database name as defaults: `z.object({ ...mySqlServiceSettings({ service: 'orders', port: 4107 }), MY_VAR: str() })`.
 */
export function mySqlServiceSettings(defaults: ServiceDefaults) {
  return {
    ...ownServiceSettings(defaults),
    ...mysqlSettings,
    ...kafkaSettings,
    MYSQL_DATABASE: str('a database name').default(defaults.service),
    /** Local stack and tests create their database; managed databases come from Terraform. */
    MYSQL_CREATE_DATABASE: bool().default(true),
    /** The outbox relay's safety-net poll: commits that enqueue events wake it at once (ADR 0056). */
    OUTBOX_IDLE_POLL_MS: int({ min: 10, max: 600_000 }).default(1000),
  };
}

/** The settings every MongoDB service reads (server, logs, Keycloak, MongoDB, Kafka); the database defaults to its name. */
export function mongoServiceSettings(defaults: ServiceDefaults) {
  return {
    ...ownServiceSettings(defaults),
    ...mongoSettings,
    ...kafkaSettings,
    MONGODB_DATABASE: str('a database name').default(defaults.service),
  };
}

/** The settings every Redis service reads (server, logs, Keycloak, Redis). */
export function redisServiceSettings(defaults: ServiceDefaults) {
  return { ...ownServiceSettings(defaults), ...redisSettings };
}

export type MySqlServiceConfig = z.output<z.ZodObject<ReturnType<typeof mySqlServiceSettings>>>;
export type MongoServiceConfig = z.output<z.ZodObject<ReturnType<typeof mongoServiceSettings>>>;
export type RedisServiceConfig = z.output<z.ZodObject<ReturnType<typeof redisServiceSettings>>>;
