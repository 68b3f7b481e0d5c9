import { type DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import { ApiClientsModule } from './api-clients/api-clients.module';
import type { TenantsConfig } from './config';
import { TenantsDatabase } from './database/tenants-database';
import { InfrastructureModule } from './infrastructure.module';
import { StaffModule } from './staff/staff.module';
import { TenantsModule } from './tenants/tenants.module';

@Module({})
export class AppModule {
  static forRoot(config: TenantsConfig): DynamicModule {
    const database = new TenantsDatabase({
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
          readinessChecks: { mysql: () => database.ping() },
        }),
        SubgraphModule.forRoot(),
        InfrastructureModule.forRoot(config, database),
        TenantsModule,
        StaffModule,
        ApiClientsModule,
      ],
    };
  }
}
