import { Roles } from '@marketplace/auth';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { SellerOverview } from './seller-overview.model';
import { SellerOverviewService } from './seller-overview.service';

@Roles('platform-admin')
@Resolver()
export class SellerOverviewResolver {
  constructor(private readonly overview: SellerOverviewService) {}

  @Query(() => SellerOverview, {
    description: 'Platform admin: sellers by status and sign-ups per day over the last `days` days (UTC).',
  })
  sellerOverview(@Args('days', { type: () => Int, defaultValue: 30 }) days: number): Promise<SellerOverview> {
    return this.overview.overview(days);
  }
}
