import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import type { OrdersConfig } from './config';
import { ORDERS_CONFIG } from './config.token';
import { OrdersDatabase } from './database/orders-database';
import { CartClient } from './downstream/cart.client';
import { InventoryClient } from './downstream/inventory.client';
import { PaymentsClient } from './downstream/payments.client';
import { ServiceTokenProvider } from './downstream/service-token';
import { OrderEventsRelay } from './events/order-events-relay';

/** What every feature module uses: configuration, MySQL, the outbox relay, the downstream service clients (cart, inventory, payments). */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: OrdersConfig, database: OrdersDatabase): DynamicModule {
    const token = new ServiceTokenProvider({
      keycloakUrl: config.KEYCLOAK_URL,
      realm: config.KEYCLOAK_REALM,
      clientId: config.KEYCLOAK_SERVICES_CLIENT_ID,
      clientSecret: config.KEYCLOAK_SERVICES_CLIENT_SECRET,
    });
    return {
      module: InfrastructureModule,
      providers: [
        { provide: ORDERS_CONFIG, useValue: config },
        { provide: OrdersDatabase, useFactory: () => database.open() },
        { provide: CartClient, useValue: new CartClient(config.CART_URL) },
        { provide: InventoryClient, useValue: new InventoryClient(config.INVENTORY_URL, token) },
        { provide: PaymentsClient, useValue: new PaymentsClient(config.PAYMENTS_URL, token) },
        {
          provide: OrderEventsRelay,
          inject: [OrdersDatabase, LOGGER, ServiceMetrics],
          useFactory: (db: OrdersDatabase, logger: Logger, metrics: ServiceMetrics) =>
            new OrderEventsRelay(db, config.KAFKA_BROKERS, `${config.SERVICE_NAME}-outbox`, logger, metrics),
        },
      ],
      exports: [ORDERS_CONFIG, OrdersDatabase, CartClient, InventoryClient, PaymentsClient, OrderEventsRelay],
    };
  }
}
