import type { Provider } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import { ReadinessChecks, SupervisedEventConsumers } from '@marketplace/service-kit';
import { Redis } from 'ioredis';
import type { CartConfig } from '../config';
import { CATALOG_CLIENT } from './catalog.client';
import { GraphQLCatalogClient } from './graphql-catalog.client';
import { ProductProjection } from './projection/product-projection';
import { ProjectionCatalogClient } from './projection/projection-catalog.client';
import { productEventsConsumer, tenantStatusConsumer } from './projection/projection-consumers';

/** The projection under the cart's key prefix; also built to erase a deleted seller's entries (ADR 0071). */
export function productProjection(redis: Redis, config: CartConfig): ProductProjection {
  return new ProductProjection(redis, {
    keyPrefix: config.CART_KEY_PREFIX,
    entryTtlSeconds: config.CART_PRODUCT_ENTRY_TTL_SECONDS,
  });
}

/**
 * The `CatalogClient` chosen by `CART_CATALOG_SOURCE` (ADR 0064): the projection, with its two consumers run while
 * the service runs, or the catalog's GraphQL API alone. The consumer groups are named after the key prefix the
 * projection lives under: replicas sharing a projection share its groups, and a cart with a projection of its own
 * (another prefix: tests, benches) never takes its events.
 */
export function catalogProviders(config: CartConfig): Provider[] {
  const graphql = new GraphQLCatalogClient({ url: config.CATALOG_URL, timeoutMs: config.CATALOG_TIMEOUT_MS });
  if (config.CART_CATALOG_SOURCE === 'graphql') return [{ provide: CATALOG_CLIENT, useValue: graphql }];
  return [
    {
      provide: ProductProjection,
      inject: [Redis],
      useFactory: (redis: Redis) => productProjection(redis, config),
    },
    {
      provide: CATALOG_CLIENT,
      inject: [ProductProjection],
      useFactory: (projection: ProductProjection) => new ProjectionCatalogClient(projection, graphql),
    },
    {
      provide: SupervisedEventConsumers,
      inject: [ProductProjection, LOGGER, ReadinessChecks, ServiceMetrics],
      useFactory: (
        projection: ProductProjection,
        logger: Logger,
        readiness: ReadinessChecks,
        metrics: ServiceMetrics,
      ) => {
        const kafka = { brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME };
        return new SupervisedEventConsumers(
          [
            productEventsConsumer(
              {
                ...kafka,
                groupId: `${config.CART_KEY_PREFIX}.product-projection`,
                logger: logger.child({ component: 'product-projection' }),
              },
              projection,
            ),
            tenantStatusConsumer(
              {
                ...kafka,
                groupId: `${config.CART_KEY_PREFIX}.tenant-status`,
                logger: logger.child({ component: 'tenant-status' }),
              },
              projection,
            ),
          ],
          readiness,
          metrics,
          // Add-to-cart keeps working on the entries it has and reads misses through while Kafka is away.
          { degraded: true },
        );
      },
    },
  ];
}
