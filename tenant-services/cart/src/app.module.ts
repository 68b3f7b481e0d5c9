import { Module, type DynamicModule } from '@nestjs/common';
import { RedisServiceModule } from '@marketplace/service-kit';
import { CartTokens } from './cart/cart-owner';
import { CartOwnerResolver } from './cart/cart-owner.resolver';
import { CART_STORE_OPTIONS, CartRepository, type CartStoreOptions } from './cart/cart.repository';
import { CartResolver } from './cart/cart.resolver';
import { CartService } from './cart/cart.service';
import { catalogProviders } from './catalog/catalog-providers';
import type { CartConfig } from './config';

@Module({})
export class AppModule {
  static forRoot(config: CartConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [RedisServiceModule.forRoot(config)],
      providers: [
        {
          provide: CART_STORE_OPTIONS,
          useFactory: (): CartStoreOptions => ({
            keyPrefix: config.CART_KEY_PREFIX,
            anonymousTtlSeconds: config.CART_ANONYMOUS_TTL_SECONDS,
            buyerTtlSeconds: config.CART_BUYER_TTL_SECONDS,
          }),
        },
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
