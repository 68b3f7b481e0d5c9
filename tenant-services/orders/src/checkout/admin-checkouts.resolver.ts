import { recordAuditedRead, requiredReason } from '@marketplace/audit';
import { CurrentPrincipal, type Principal, Roles } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { mapConnection, MySqlDatabase } from '@marketplace/service-kit';
import { acrossTenants } from '@marketplace/tenancy';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, orderIdSchema, pageSchema } from '../orders/order.inputs';
import { AdminOrder, AdminOrderConnection } from '../orders/order.model';
import { OrderRepository } from '../orders/order.repository';
import { OrderViews } from '../orders/order-views';
import { CheckoutSaga } from './checkout-saga';

/** Platform admins: checkouts the sweeper parked in needs_attention, and resuming them (audited). */
@Resolver()
export class AdminCheckoutsResolver {
  constructor(
    private readonly repository: OrderRepository,
    private readonly views: OrderViews,
    private readonly saga: CheckoutSaga,
    private readonly database: MySqlDatabase,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => AdminOrderConnection, {
    description:
      'Checkouts parked in needs_attention after repeated failures (cross-tenant, audited), newest first.',
  })
  async checkoutsNeedingAttention(
    @CurrentPrincipal() admin: Principal,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AdminOrderConnection> {
    const args = pageSchema.parse({ first, after: after ?? undefined });
    this.audit(admin, 'list-checkouts-needing-attention', null);
    await recordAuditedRead(this.database.db, {
      service: 'orders',
      action: 'checkouts.read',
      tenantId: null,
      targetType: 'checkout-list',
      after: { sagaState: 'needs_attention', first: args.first, after: args.after ?? null },
    });
    return acrossTenants('orders.checkouts-needing-attention', async () => {
      const page = await this.repository.allPage(args.first, args.after, 'needs_attention');
      return mapConnection(page, (order) => this.views.adminOrder(order));
    });
  }

  @Roles('platform-admin')
  @Mutation(() => AdminOrder, {
    description:
      'Resumes a needs_attention checkout from the state it stalled in, with a fresh retry budget ' +
      '(audited, with the reason: 3–1000 characters).',
  })
  async retryCheckout(
    @CurrentPrincipal() admin: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { description: 'Why, for the audit log.' }) reason: string,
  ): Promise<AdminOrder> {
    const orderId = orderIdSchema.parse(id);
    const why = requiredReason.parse(reason);
    this.audit(admin, 'retry-checkout', orderId);
    return acrossTenants('orders.retry-checkout', async () =>
      this.views.adminOrder(await this.saga.retryStalled(orderId, new Date(), { reason: why })),
    );
  }

  private audit(admin: Principal, action: string, buyerOrderId: string | null): void {
    this.logger.info(
      { audit: true, crossTenant: true, adminId: admin.userId, action, buyerOrderId },
      'admin checkout operation',
    );
  }
}
