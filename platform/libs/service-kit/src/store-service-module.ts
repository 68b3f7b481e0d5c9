import type { DynamicModule, Provider, Type } from '@nestjs/common';
import type { ReadinessCheck } from '@marketplace/observability';
import { servicePlatformOptions, type ServicePlatformSettings } from './service-platform-options';
import { ServicePlatformModule } from './service-platform.module';
import { SubgraphModule } from './subgraph.module';

export interface StoreServiceParts {
  /** The store's own checks behind `GET /health/ready`. */
  readinessChecks: Readonly<Record<string, ReadinessCheck>>;
  providers: Provider[];
  exports: NonNullable<DynamicModule['exports']>;
}

/**
 * What each store kind's service module (MySQL, MongoDB, Redis) is made of: global, the platform module with
 * the store's readiness checks, the federated subgraph, and the store's providers.
 */
export function storeServiceModule(
  module: Type,
  config: ServicePlatformSettings,
  parts: StoreServiceParts,
): DynamicModule {
  return {
    module,
    global: true,
    imports: [
      ServicePlatformModule.forRoot(servicePlatformOptions(config, parts.readinessChecks)),
      SubgraphModule.forRoot(),
    ],
    providers: parts.providers,
    exports: parts.exports,
  };
}
