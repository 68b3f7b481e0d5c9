import { CheckAbility, CurrentPrincipal, ForbiddenError, type Principal } from '@marketplace/auth';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { type DaySales, SellerDashboard } from './seller-dashboard.model';
import { SellerDashboardRepository } from './seller-dashboard.repository';

const DAY_MS = 86_400_000;
const TOP_PRODUCTS = 5;
const daysSchema = z.number().int().min(1, 'must be at least 1').max(366, 'must be at most 366');

/** Sellers: their own tenant's sales figures, computed in the database over all of their orders. */
@Resolver()
export class SellerDashboardResolver {
  constructor(private readonly dashboard: SellerDashboardRepository) {}

  @CheckAbility('read', 'Order')
  @Query(() => SellerDashboard, {
    description: "The tenant's sales, orders and refunds of the last `days` days.",
  })
  async sellerDashboard(
    @CurrentPrincipal() seller: Principal,
    @Args('days', { type: () => Int, defaultValue: 7 }) days: number,
  ): Promise<SellerDashboard> {
    if (!seller.tenantId) throw new ForbiddenError('The seller dashboard needs a seller token of one tenant');
    const range = daysSchema.parse(days);
    const now = new Date();
    const since = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (range - 1) * DAY_MS,
    );
    const [totals, daily, ordersByStatus, topProducts, awaitingFulfilment] = await Promise.all([
      this.dashboard.totals(since),
      this.dashboard.salesByDay(since),
      this.dashboard.ordersByStatus(since),
      this.dashboard.topProducts(since, TOP_PRODUCTS),
      this.dashboard.awaitingFulfilment(),
    ]);
    const figures = totals
      .sort((a, b) => b.sales - a.sales || a.currency.localeCompare(b.currency))
      .map((total) => ({
        ...total,
        averageOrderValue: total.orders ? Math.round(total.sales / total.orders) : 0,
        salesByDay: everyDay(since, range).map(
          (day): DaySales =>
            daily.find((d) => d.currency === total.currency && d.day === day) ?? { day, sales: 0, orders: 0 },
        ),
      }));
    return { days: range, since, figures, ordersByStatus, topProducts, awaitingFulfilment };
  }
}

function everyDay(since: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) =>
    new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
}
