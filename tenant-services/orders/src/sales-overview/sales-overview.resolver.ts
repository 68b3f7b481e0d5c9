import { Roles } from '@marketplace/auth';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { SalesOverview } from './sales-overview.model';
import { SalesOverviewService } from './sales-overview.service';

@Roles('platform-admin')
@Resolver()
export class SalesOverviewResolver {
  constructor(private readonly overview: SalesOverviewService) {}

  @Query(() => SalesOverview, {
    description:
      'Platform admin (audited cross-tenant read): GMV, commission and take rate, orders, refund rate, sales per ' +
      'day and top sellers over the last `days` UTC days, in `currency` (default: the one with the most GMV), ' +
      'of every seller or of `sellerId` only.',
  })
  salesOverview(
    @Args('days', { type: () => Int, defaultValue: 30 }) days: number,
    @Args('currency', { type: () => String, nullable: true }) currency?: string | null,
    @Args('sellerId', { type: () => ID, nullable: true }) sellerId?: string | null,
  ): Promise<SalesOverview> {
    return this.overview.overview({ days, currency: currency ?? undefined, sellerId: sellerId ?? undefined });
  }
}
