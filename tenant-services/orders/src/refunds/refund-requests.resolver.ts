import { CheckAbility, CurrentPrincipal, ForbiddenError, type Principal, Roles } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, pageSchema } from '../orders/order.inputs';
import {
  acceptSchema,
  AdminRefundInput,
  adminRefundSchema,
  CreateRefundInput,
  sellerRefundSchema,
  declineSchema,
  refundRequestPageSchema,
  refundRequestSchema,
  RequestRefundInput,
} from './refund-request.inputs';
import { RefundRequest, RefundRequestConnection, toRefundRequest } from './refund-request.model';
import type { Connection } from '@marketplace/service-kit';
import type { RefundRequestRow } from './refund-request.schema';
import { RefundRequestsService } from './refund-requests.service';

/** Returns and refunds: buyers ask, sellers of the tenant in the token decide, platform admins refund anything. */
@Resolver()
export class RefundRequestsResolver {
  constructor(
    private readonly refunds: RefundRequestsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @CheckAbility('manage', 'BuyerOrder')
  @Mutation(() => RefundRequest, {
    description:
      'Asks the seller to take back lines of one of your seller orders and refund them, with a reason.',
  })
  async requestRefund(
    @CurrentPrincipal() buyer: Principal,
    @Args('input') input: RequestRefundInput,
  ): Promise<RefundRequest> {
    return toRefundRequest(await this.refunds.request(buyer.userId, refundRequestSchema.parse(input)));
  }

  @CheckAbility('read', 'BuyerOrder')
  @Query(() => RefundRequestConnection, { description: 'Your refund requests, newest first.' })
  async myRefundRequests(
    @CurrentPrincipal() buyer: Principal,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<RefundRequestConnection> {
    const args = pageSchema.parse({ first, after: after ?? undefined });
    return connection(await this.refunds.buyerPage(buyer.userId, args.first, args.after));
  }

  @CheckAbility('read', 'Order')
  @Query(() => RefundRequestConnection, {
    description: "Refund requests on the tenant's seller orders, newest first.",
  })
  async refundRequests(
    @CurrentPrincipal() seller: Principal,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('status', { type: () => String, nullable: true }) status?: string | null,
  ): Promise<RefundRequestConnection> {
    requireTenant(seller);
    const args = refundRequestPageSchema.parse({
      first,
      after: after ?? undefined,
      status: status ?? undefined,
    });
    return connection(await this.refunds.sellerPage(args.status, args.first, args.after));
  }

  @CheckAbility('update', 'Order')
  @Mutation(() => RefundRequest, {
    description:
      'Accepts a refund request: refunds `amount` (default: all requested; less for a partial refund) to the buyer ' +
      "and takes the tenant's share of it back. Repeating it refunds nothing more.",
  })
  async acceptRefundRequest(
    @CurrentPrincipal() seller: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('amount', { type: () => Int, nullable: true }) amount?: number | null,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<RefundRequest> {
    requireTenant(seller);
    const input = acceptSchema.parse({ id, amount: amount ?? undefined, reason: note ?? undefined });
    return toRefundRequest(await this.refunds.accept(input.id, input, seller.userId));
  }

  @CheckAbility('update', 'Order')
  @Mutation(() => RefundRequest, { description: 'Declines a refund request with a reason the buyer sees.' })
  async declineRefundRequest(
    @CurrentPrincipal() seller: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<RefundRequest> {
    requireTenant(seller);
    const input = declineSchema.parse({ id, reason });
    return toRefundRequest(await this.refunds.decline(input.id, input.reason, seller.userId));
  }

  @CheckAbility('update', 'Order')
  @Mutation(() => RefundRequest, {
    description:
      'Refunds part or all of one of your seller orders without a buyer request; repeating the idempotency key refunds once.',
  })
  async createRefund(
    @CurrentPrincipal() seller: Principal,
    @Args('input') input: CreateRefundInput,
  ): Promise<RefundRequest> {
    requireTenant(seller);
    return toRefundRequest(await this.refunds.sellerRefund(seller.userId, sellerRefundSchema.parse(input)));
  }

  @Roles('platform-admin')
  @Mutation(() => RefundRequest, {
    description: 'Refunds part or all of any seller order (cross-tenant, audited).',
  })
  async refundSellerOrder(
    @CurrentPrincipal() admin: Principal,
    @Args('input') input: AdminRefundInput,
  ): Promise<RefundRequest> {
    const command = adminRefundSchema.parse(input);
    this.logger.info(
      {
        audit: true,
        crossTenant: true,
        adminId: admin.userId,
        action: 'refund-seller-order',
        sellerOrderId: command.sellerOrderId,
        amount: command.amount,
        reason: command.reason,
      },
      'admin refund',
    );
    // The audit record is written by the service in the transaction that marks the refund done (ADR 0020).
    const refund = await this.refunds.adminRefund(admin.userId, command);
    return toRefundRequest(refund);
  }
}

function connection(page: Connection<RefundRequestRow>): RefundRequestConnection {
  return {
    nodes: page.nodes.map(toRefundRequest),
    pageInfo: page.pageInfo,
  };
}

function requireTenant(principal: Principal): void {
  if (!principal.tenantId) throw new ForbiddenError('Refund decisions need a seller token of one tenant');
}
