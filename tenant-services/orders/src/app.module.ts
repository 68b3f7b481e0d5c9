import { type DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import type { OrdersConfig } from './config';
import { OrdersDatabase } from './database/orders-database';
import { InfrastructureModule } from './infrastructure.module';
import { CheckoutModule } from './checkout/checkout.module';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class AppModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    const database = new OrdersDatabase({
      url: config.MYSQL_URL,
      database: config.MYSQL_DATABASE,
      createDatabase: config.MYSQL_CREATE_DATABASE,
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
          internalCallers: config.INTERNAL_CALLER_CLIENT_IDS,
          readinessChecks: { mysql: () => database.ping() },
        }),
        SubgraphModule.forRoot(),
        InfrastructureModule.forRoot(config, database),
        OrdersModule,
        CheckoutModule,
      ],
    };
  }
}
