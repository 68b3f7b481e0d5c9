import { Module } from '@nestjs/common';
import { SellerOverviewResolver } from './seller-overview.resolver';
import { SellerOverviewService } from './seller-overview.service';

/** The admin overview's seller figures. */
@Module({ providers: [SellerOverviewService, SellerOverviewResolver] })
export class OverviewModule {}
