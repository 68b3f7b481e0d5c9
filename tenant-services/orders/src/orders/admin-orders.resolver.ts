import { recordAudit } from '@marketplace/audit';
import { acrossTenants, type MySqlDb } from '@marketplace/tenancy';
import { CurrentPrincipal, type Principal, Roles } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { mapConnection, MySqlDatabase } from '@marketplace/service-kit';
import { adminOrderSearchSchema, DEFAULT_PAGE_SIZE } from './order.inputs';
import { AdminOrderConnection } from './order.model';
import { OrderRepository } from './order.repository';
import { OrderViews } from './order-views';

/** Platform admins: every order across tenants, each call recorded in the audit trail as a cross-tenant read. */
@Resolver()
export class AdminOrdersResolver {
  constructor(
    private readonly repository: OrderRepository,
    private readonly views: OrderViews,
    private readonly database: MySqlDatabase,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => AdminOrderConnection, {
    description:
      'Buyer orders (cross-tenant, audited), newest first: all of them, or found by order id (a buyer or seller ' +
      'order id), buyer and/or seller.',
  })
  async orders(
    @CurrentPrincipal() admin: Principal,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('orderId', { type: () => ID, nullable: true }) orderId?: string | null,
    @Args('buyerId', { type: () => ID, nullable: true }) buyerId?: string | null,
    @Args('sellerId', { type: () => ID, nullable: true }) sellerId?: string | null,
  ): Promise<AdminOrderConnection> {
    const args = adminOrderSearchSchema.parse({
      first,
      after: after ?? undefined,
      orderId: orderId ?? undefined,
      buyerId: buyerId ?? undefined,
      sellerId: sellerId ?? undefined,
    });
    await this.database.db.transaction((tx: MySqlDb) =>
      recordAudit(tx, {
        service: 'orders',
        action: 'orders.read',
        tenantId: args.sellerId ?? null,
        targetType: 'order-list',
        targetId: args.orderId ?? null,
        after: {
          orderId: args.orderId ?? null,
          buyerId: args.buyerId ?? null,
          sellerId: args.sellerId ?? null,
        },
        read: true,
      }),
    );
    this.logger.info(
      { audit: true, crossTenant: true, adminId: admin.userId, action: 'list-orders', first: args.first },
      'admin cross-tenant order listing',
    );
    return acrossTenants('orders.admin-list', async () => {
      const page = await this.repository.adminSearchPage(args.first, args.after, args);
      return mapConnection(page, (order) => this.views.adminOrder(order));
    });
  }
}
