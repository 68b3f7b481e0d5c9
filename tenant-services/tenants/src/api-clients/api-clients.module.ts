import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { ApiClientsResolver } from './api-clients.resolver';
import { ApiClientsService } from './api-clients.service';

@Module({ imports: [TenantsModule], providers: [ApiClientsService, ApiClientsResolver] })
export class ApiClientsModule {}
