import { ServiceTokenProvider } from '@marketplace/resilience';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { OrdersConfig } from './config';
import { ORDERS_CONFIG } from './config.token';
import { CartClient } from './downstream/cart.client';
import { InventoryClient } from './downstream/inventory.client';
import { PaymentsClient } from './downstream/payments.client';

/**
 * What every feature module uses besides MySQL and the outbox relay (MySqlServiceModule): configuration and the
 * downstream service clients (cart, inventory, payments).
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    const token = ServiceTokenProvider.forServicesClient(config);
    return {
      module: InfrastructureModule,
      providers: [
        { provide: ORDERS_CONFIG, useValue: config },
        { provide: CartClient, useValue: new CartClient(config.CART_URL) },
        { provide: InventoryClient, useValue: new InventoryClient(config.INVENTORY_URL, token) },
        { provide: PaymentsClient, useValue: new PaymentsClient(config.PAYMENTS_URL, token) },
      ],
      exports: [ORDERS_CONFIG, CartClient, InventoryClient, PaymentsClient],
    };
  }
}
