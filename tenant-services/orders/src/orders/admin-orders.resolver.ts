import { acrossTenants } from '@marketplace/tenancy';
import { CurrentPrincipal, type Principal, Roles } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { mapConnection } from '@marketplace/service-kit';
import { DEFAULT_PAGE_SIZE, pageSchema } from './order.inputs';
import { AdminOrderConnection } from './order.model';
import { OrderRepository } from './order.repository';
import { OrderViews } from './order-views';

/** Platform admins: every order across tenants, each call logged as an audit line. */
@Resolver()
export class AdminOrdersResolver {
  constructor(
    private readonly repository: OrderRepository,
    private readonly views: OrderViews,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => AdminOrderConnection, {
    description: 'All buyer orders (cross-tenant, audited), newest first.',
  })
  async orders(
    @CurrentPrincipal() admin: Principal,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AdminOrderConnection> {
    const args = pageSchema.parse({ first, after: after ?? undefined });
    this.logger.info(
      { audit: true, crossTenant: true, adminId: admin.userId, action: 'list-orders', first: args.first },
      'admin cross-tenant order listing',
    );
    return acrossTenants('orders.admin-list', async () => {
      const page = await this.repository.allPage(args.first, args.after);
      return mapConnection(page, (order) => this.views.adminOrder(order));
    });
  }
}
