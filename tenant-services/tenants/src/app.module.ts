import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { MySqlServiceModule } from '@marketplace/service-kit';
import { ApiClientsModule } from './api-clients/api-clients.module';
import { AuditModule } from './audit/audit.module';
import type { TenantsConfig } from './config';
import { InfrastructureModule } from './infrastructure.module';
import { TenantOffboardingModule } from './offboarding/offboarding.module';
import { OverviewModule } from './overview/overview.module';
import { StaffModule } from './staff/staff.module';
import { ownTenantStatusLookup } from './tenants/tenant-status';
import { TenantsModule } from './tenants/tenants.module';
import { UserDirectoryModule } from './user-directory/user-directory.module';

@Module({})
export class AppModule {
  static forRoot(config: TenantsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MySqlServiceModule.forRoot(config, {
          migrationsFolder: join(__dirname, '..', 'drizzle'),
          tenantStatusLookup: ownTenantStatusLookup(config.TENANT_STATUS_ASSUME_ACTIVE),
        }),
        InfrastructureModule.forRoot(config),
        TenantsModule,
        StaffModule,
        ApiClientsModule,
        AuditModule,
        OverviewModule,
        UserDirectoryModule,
        TenantOffboardingModule.forRoot(config),
      ],
    };
  }
}
