import { Module, type DynamicModule } from '@nestjs/common';
import { OffboardingModule } from '@marketplace/offboarding';
import { RedisServiceModule } from '@marketplace/service-kit';
import { Redis } from 'ioredis';
import { CartTokens } from './cart/cart-owner';
import { CartOwnerResolver } from './cart/cart-owner.resolver';
import { CART_STORE_OPTIONS, CartRepository, type CartStoreOptions } from './cart/cart.repository';
import { CartResolver } from './cart/cart.resolver';
import { CartService } from './cart/cart.service';
import { catalogProviders, productProjection } from './catalog/catalog-providers';
import type { CartConfig } from './config';
import { cartTenantData } from './offboarding/cart-tenant-data';

@Module({})
export class AppModule {
  static forRoot(config: CartConfig): DynamicModule {
    const storeOptions: CartStoreOptions = {
      keyPrefix: config.CART_KEY_PREFIX,
      anonymousTtlSeconds: config.CART_ANONYMOUS_TTL_SECONDS,
      buyerTtlSeconds: config.CART_BUYER_TTL_SECONDS,
    };
    return {
      module: AppModule,
      imports: [
        RedisServiceModule.forRoot(config),
        OffboardingModule.forRedis(config, {
          service: 'cart',
          stores: {
            inject: [Redis],
            build: (redis: Redis) => [
              cartTenantData(new CartRepository(redis, storeOptions), productProjection(redis, config)),
            ],
          },
        }),
      ],
      providers: [
        { provide: CART_STORE_OPTIONS, useValue: storeOptions },
        ...catalogProviders(config),
        { provide: CartTokens, useValue: new CartTokens(config.CART_TOKEN_KEY) },
        CartRepository,
        CartService,
        CartOwnerResolver,
        CartResolver,
      ],
    };
  }
}
