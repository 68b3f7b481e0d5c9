import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { InvitationsResolver } from './invitations.resolver';
import { InvitationsService } from './invitations.service';

@Module({ imports: [TenantsModule], providers: [InvitationsService, InvitationsResolver] })
export class StaffModule {}
