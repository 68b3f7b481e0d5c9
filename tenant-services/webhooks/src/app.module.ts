import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { OffboardingModule } from '@marketplace/offboarding';
import { MySqlServiceModule } from '@marketplace/service-kit';
import type { WebhooksConfig } from './config';
import { DeliveryModule } from './delivery/delivery.module';
import { EndpointsModule } from './endpoints/endpoints.module';
import { InfrastructureModule } from './infrastructure.module';
import { IngestModule } from './ingest/ingest.module';

@Module({})
export class AppModule {
  static forRoot(config: WebhooksConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MySqlServiceModule.forRoot(config, { migrationsFolder: join(__dirname, '..', 'drizzle') }),
        OffboardingModule.forMySql(config, {
          service: 'webhooks',
          tables: { omitFromExport: { webhook_endpoints: ['secret', 'previous_secret'] } },
        }),
        InfrastructureModule.forRoot(config),
        DeliveryModule,
        EndpointsModule,
        IngestModule,
      ],
    };
  }
}
