import { type DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import type { InventoryConfig } from './config';
import { InventoryDatabase } from './database/inventory-database';
import { InfrastructureModule } from './infrastructure.module';
import { ReservationsModule } from './reservations/reservations.module';
import { StockModule } from './stock/stock.module';

@Module({})
export class AppModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    const database = new InventoryDatabase({
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
        StockModule,
        ReservationsModule,
      ],
    };
  }
}
