import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { InvitationsResolver } from './invitations.resolver';
import { InvitationsService } from './invitations.service';
import { StaffAdminResolver } from './staff-admin.resolver';

@Module({
  imports: [TenantsModule],
  providers: [InvitationsService, InvitationsResolver, StaffAdminResolver],
})
export class StaffModule {}
