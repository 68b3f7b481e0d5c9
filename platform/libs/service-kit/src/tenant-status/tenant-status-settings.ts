import {
  bool,
  int,
  keycloakClientSecret,
  notLoopback,
  notOneOf,
  productionGuard,
  str,
  url,
} from '@marketplace/config';
import type { z } from 'zod';

/**
 * Tests only: tenants of unknown status count as active. Also read by the tenants service, whose lookup reads its
 * own table.
 */
export const tenantStatusAssumeActiveSetting = {
  TENANT_STATUS_ASSUME_ACTIVE: productionGuard(
    bool().default(false),
    notOneOf([true], 'Counting tenants of unknown status as active'),
  ),
};

/**
 * The settings of a service whose AuthGuard asks the tenants service for seller organizations' statuses
 * (ADR 0048): every service with seller writes spreads them into its configuration.
 */
export const tenantStatusSettings = {
  /** The tenants service, asked on a cache miss. */
  TENANTS_URL: productionGuard(url(['http', 'https']).default('http://127.0.0.1:4101'), notLoopback()),
  /** Budget of one status call attempt. */
  TENANTS_TIMEOUT_MS: int({ min: 50, max: 30_000 }).default(2000),
  /** The platform services client, whose token the tenants service's internal operations accept. */
  KEYCLOAK_SERVICES_CLIENT_ID: str('a client id').default('marketplace-services'),
  KEYCLOAK_SERVICES_CLIENT_SECRET: keycloakClientSecret(),
  ...tenantStatusAssumeActiveSetting,
};

type Output<T extends z.ZodRawShape> = z.output<z.ZodObject<T>>;

export type TenantStatusConfig = Output<typeof tenantStatusSettings> & {
  SERVICE_NAME: string;
  KEYCLOAK_URL: string;
  KEYCLOAK_REALM: string;
};
