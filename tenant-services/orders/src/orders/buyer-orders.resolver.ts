import { CheckAbility } from '@marketplace/auth';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '@marketplace/observability';
import { mapConnection } from '@marketplace/service-kit';
import { DEFAULT_PAGE_SIZE, orderIdSchema, pageSchema } from './order.inputs';
import { BuyerOrder, BuyerOrderConnection } from './order.model';
import { OrderRepository } from './order.repository';
import { OrderViews } from './order-views';

/** Buyers: their own orders with per-seller status and tracking. */
@Resolver()
export class BuyerOrdersResolver {
  constructor(
    private readonly orders: OrderRepository,
    private readonly views: OrderViews,
  ) {}

  @CheckAbility('read', 'BuyerOrder')
  @Query(() => BuyerOrderConnection, { description: "The caller's orders, newest first." })
  async myOrders(
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<BuyerOrderConnection> {
    const args = pageSchema.parse({ first, after: after ?? undefined });
    const page = await this.orders.buyerPage(args.first, args.after);
    return mapConnection(page, (order) => this.views.buyerOrder(order));
  }

  @CheckAbility('read', 'BuyerOrder')
  @Query(() => BuyerOrder)
  async myOrder(@Args('id', { type: () => ID }) id: string): Promise<BuyerOrder> {
    const order = await this.orders.findForBuyer(orderIdSchema.parse(id));
    if (!order) throw new NotFoundError(`No order ${id}`);
    return this.views.buyerOrder(order);
  }
}
