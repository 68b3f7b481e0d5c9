import {
  bool,
  int,
  kafkaSettings,
  keycloakSettings,
  mysqlSettings,
  serviceSettings,
  str,
} from '@marketplace/config';
import type { z } from 'zod';

/**
 * The settings every MySQL service reads (server, logs, Keycloak, MySQL, Kafka), with its own name, port and
 * database name as defaults: `z.object({ ...mySqlServiceSettings({ service: 'orders', port: 4107 }), MY_VAR: str() })`.
 */
export function mySqlServiceSettings(defaults: { service: string; port: number }) {
  return {
    ...serviceSettings,
    ...mysqlSettings,
    ...kafkaSettings,
    ...keycloakSettings,
    SERVICE_NAME: str('a service name').default(defaults.service),
    PORT: int({ min: 1, max: 65535 }).default(defaults.port),
    MYSQL_DATABASE: str('a database name').default(defaults.service),
    /** Local stack and tests create their database; managed databases come from Terraform. */
    MYSQL_CREATE_DATABASE: bool().default(true),
  };
}

export type MySqlServiceConfig = z.output<z.ZodObject<ReturnType<typeof mySqlServiceSettings>>>;
