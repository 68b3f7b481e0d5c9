import type { DynamicModule, Provider, Type } from '@nestjs/common';
import type { ReadinessCheck } from '@marketplace/observability';
import { servicePlatformOptions, type ServicePlatformSettings } from './service-platform-options';
import { ServicePlatformModule } from './service-platform.module';
import { SubgraphModule } from './subgraph.module';
import { tenantStatusProviders, type OwnTenantStatusLookup } from './tenant-status/tenant-status.providers';

export interface StoreServiceParts {
  /** The store's own checks behind `GET /health/ready`. */
  readinessChecks: Readonly<Record<string, ReadinessCheck>>;
  providers: Provider[];
  exports: NonNullable<DynamicModule['exports']>;
  /** The tenants service's own tenant-status lookup; every other service's comes from its settings. */
  tenantStatusLookup?: OwnTenantStatusLookup;
}

/**
 * What each store kind's service module (MySQL, MongoDB, Redis) is made of: global, the platform module with
 * the store's readiness checks, the federated subgraph, the store's providers, and the tenant-status lookup the
 * AuthGuard asks before a seller's write (ADR 0048).
 */
export function storeServiceModule(
  module: Type,
  config: ServicePlatformSettings,
  parts: StoreServiceParts,
): DynamicModule {
  const tenantStatus = tenantStatusProviders(config, parts.tenantStatusLookup);
  return {
    module,
    global: true,
    imports: [
      ServicePlatformModule.forRoot(servicePlatformOptions(config, parts.readinessChecks)),
      SubgraphModule.forRoot(),
    ],
    providers: [...parts.providers, ...tenantStatus],
    exports: [...parts.exports, ...tenantStatus],
  };
}
