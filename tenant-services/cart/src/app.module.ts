import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import { CartOwnerResolver } from './cart/cart-owner.resolver';
import {
  CART_REDIS,
  CART_STORE_OPTIONS,
  CartRepository,
  type CartStoreOptions,
} from './cart/cart.repository';
import { CartResolver } from './cart/cart.resolver';
import { CartService } from './cart/cart.service';
import { CATALOG_CLIENT, type CatalogClient } from './catalog/catalog.client';
import { GraphQLCatalogClient } from './catalog/graphql-catalog.client';
import type { CartConfig } from './config';
import { connectRedis } from './redis/redis-connection';

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(CART_REDIS) private readonly redis: Redis) {}

  /** Connects Redis and returns the module wired to it and to the catalog. */
  static async forRoot(config: CartConfig): Promise<DynamicModule> {
    const redis = await connectRedis(config.REDIS_URL);
    const storeOptions: CartStoreOptions = {
      keyPrefix: config.CART_KEY_PREFIX,
      anonymousTtlSeconds: config.CART_ANONYMOUS_TTL_SECONDS,
      buyerTtlSeconds: config.CART_BUYER_TTL_SECONDS,
    };
    const catalog: CatalogClient = new GraphQLCatalogClient({
      url: config.CATALOG_URL,
      timeoutMs: config.CATALOG_TIMEOUT_MS,
    });
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: config.SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          keycloak: {
            url: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            audience: config.AUTH_AUDIENCE,
          },
          readinessChecks: { redis: () => redis.ping() },
        }),
        SubgraphModule.forRoot(),
      ],
      providers: [
        { provide: CART_REDIS, useValue: redis },
        { provide: CART_STORE_OPTIONS, useValue: storeOptions },
        { provide: CATALOG_CLIENT, useValue: catalog },
        CartRepository,
        CartService,
        CartOwnerResolver,
        CartResolver,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit();
  }
}
