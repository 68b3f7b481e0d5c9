import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { InjectionToken, Provider } from '@nestjs/common';
import { TENANT_STATUS_LOOKUP, type TenantStatusLookup } from '@marketplace/auth';
import { LOGGER, ServiceMetrics, type Logger } from '@marketplace/observability';
import { SupervisedEventConsumers } from '../event-consumers';
import { ReadinessChecks } from '../readiness-checks';
import { CachedTenantStatusLookup } from './cached-tenant-status';
import { HttpTenantStatusSource } from './http-tenant-status-source';
import { tenantStatusFeed } from './tenant-status-feed';
import type { TenantStatusConfig } from './tenant-status-settings';

/** How long a replica trusts what it learned of a tenant's status (ADR 0048: at most 60 s). */
export const TENANT_STATUS_TTL_MS = 60_000;

/** The tenants service's own lookup (it reads its table), given as a Nest factory of the service's module. */
export interface OwnTenantStatusLookup {
  inject: InjectionToken[];
  useFactory: (...args: never[]) => TenantStatusLookup;
}

/** Runs this replica's tenant-status feed while the service runs. */
export class TenantStatusFeedRunner extends SupervisedEventConsumers {}

type FeedConfig = TenantStatusConfig & { KAFKA_BROKERS: readonly string[] };

export function hasTenantStatusSettings(config: object): config is FeedConfig {
  return 'TENANTS_URL' in config && 'KAFKA_BROKERS' in config;
}

/**
 * The `TENANT_STATUS_LOOKUP` the AuthGuard asks (ADR 0048): the service's own when it has one (tenants), else,
 * for a service configured with `tenantStatusSettings`, a cache fed by the tenant events with the tenants service
 * as fallback. A service with neither (cart: no seller writes) has no lookup, and its guard checks no status.
 */
export function tenantStatusProviders(config: object, own?: OwnTenantStatusLookup): Provider[] {
  if (own) return [{ provide: TENANT_STATUS_LOOKUP, ...own }];
  if (!hasTenantStatusSettings(config)) return [];
  const lookup = new CachedTenantStatusLookup(new HttpTenantStatusSource(config), {
    ttlMs: TENANT_STATUS_TTL_MS,
    assumeActive: config.TENANT_STATUS_ASSUME_ACTIVE,
  });
  const replica = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  return [
    { provide: TENANT_STATUS_LOOKUP, useValue: lookup },
    {
      provide: TenantStatusFeedRunner,
      inject: [LOGGER, ReadinessChecks, ServiceMetrics],
      useFactory: (logger: Logger, readiness: ReadinessChecks, metrics: ServiceMetrics) =>
        new TenantStatusFeedRunner(
          [
            tenantStatusFeed(
              {
                brokers: [...config.KAFKA_BROKERS],
                clientId: config.SERVICE_NAME,
                groupId: `${config.SERVICE_NAME}.tenant-status.${replica}`,
                logger,
              },
              lookup,
            ),
          ],
          readiness,
          metrics,
        ),
    },
  ];
}
