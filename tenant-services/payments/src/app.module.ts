import { type DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import type { PaymentsConfig } from './config';
import { PaymentsDatabase } from './database/payments-database';
import { InfrastructureModule } from './infrastructure.module';
import { PaymentsModule } from './payments/payments.module';
import { PayoutsModule } from './payouts/payouts.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: PaymentsConfig): DynamicModule {
    const database = new PaymentsDatabase({
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
        PaymentsModule,
        PayoutsModule,
        WebhooksModule,
      ],
    };
  }
}
