import {
  bool,
  int,
  kafkaSettings,
  keycloakSettings,
  mysqlSettings,
  serviceSettings,
  str,
} from '@marketplace/config';
import { z } from 'zod';

export const configSchema = z.object({
  ...serviceSettings,
  ...mysqlSettings,
  ...kafkaSettings,
  ...keycloakSettings,
  SERVICE_NAME: str('a service name').default('inventory'),
  PORT: int({ min: 1, max: 65535 }).default(4106),
  MYSQL_DATABASE: str('a database name').default('inventory'),
  /** Local stack and tests create their database; managed databases come from Terraform. */
  MYSQL_CREATE_DATABASE: bool().default(true),
  /** Confidential Keycloak clients whose service-account tokens may reserve, confirm and release stock. */
  /** Reservation lifetime when the caller names none. */
  RESERVATION_DEFAULT_TTL_SECONDS: int({ min: 1, max: 86_400 }).default(900),
  /** How often expired reservations are released; 0 disables the sweeper (tests drive it themselves). */
  RESERVATION_SWEEP_INTERVAL_MS: int({ min: 0, max: 3_600_000 }).default(5000),
});

export type InventoryConfig = z.output<typeof configSchema>;
