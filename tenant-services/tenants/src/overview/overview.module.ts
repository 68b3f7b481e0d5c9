import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { SellerOverviewResolver } from './seller-overview.resolver';
import { SellerOverviewService } from './seller-overview.service';

/** The admin overview's seller figures. */
@Module({ imports: [TenantsModule], providers: [SellerOverviewService, SellerOverviewResolver] })
export class OverviewModule {}
