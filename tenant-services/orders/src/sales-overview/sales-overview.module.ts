import { Module } from '@nestjs/common';
import { SalesOverviewRepository } from './sales-overview.repository';
import { SalesOverviewResolver } from './sales-overview.resolver';
import { SalesOverviewService } from './sales-overview.service';

/** The admin overview's sales figures, across sellers (platform admins only). */
@Module({ providers: [SalesOverviewRepository, SalesOverviewService, SalesOverviewResolver] })
export class SalesOverviewModule {}
