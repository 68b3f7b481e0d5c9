import { Module } from '@nestjs/common';
import { TenantAdminResolver } from './tenant-admin.resolver';
import { TenantAdminService } from './tenant-admin.service';
import { TenantDirectory } from './tenant-directory.repository';
import { TenantDirectoryResolver } from './tenant-directory.resolver';
import { TenantResolver } from './tenant.resolver';
import { TenantsService } from './tenants.service';
import { InternalTenantStatusController } from './tenant-status';

@Module({
  controllers: [InternalTenantStatusController],
  providers: [
    TenantDirectory,
    TenantsService,
    TenantAdminService,
    TenantResolver,
    TenantAdminResolver,
    TenantDirectoryResolver,
  ],
  exports: [TenantsService, TenantDirectory],
})
export class TenantsModule {}
