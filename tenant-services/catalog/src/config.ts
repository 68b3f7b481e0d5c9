import {
  int,
  port,
  kafkaSettings,
  keycloakSettings,
  mongoSettings,
  serviceSettings,
  str,
} from '@marketplace/config';
import { z } from 'zod';

export const catalogConfigSchema = z.object({
  ...serviceSettings,
  SERVICE_NAME: str('a service name').default('catalog'),
  PORT: port().default(4102),
  ...mongoSettings,
  MONGODB_DATABASE: str('a database name').default('catalog'),
  ...kafkaSettings,
  ...keycloakSettings,
  /** Largest accepted CSV import body. */
  IMPORT_MAX_BYTES: int({ min: 1024, max: 50 * 1024 * 1024 }).default(5 * 1024 * 1024),
  /** Kafka consumer group of the tenant-status consumer; tests use a unique one. */
  TENANT_EVENTS_GROUP: str('a consumer group').default('catalog.tenant-status'),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
