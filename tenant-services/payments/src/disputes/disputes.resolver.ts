import { recordAuditedRead } from '@marketplace/audit';
import { CurrentPrincipal, type Principal, Roles } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { createdAtCursor, MySqlDatabase, PageInfo } from '@marketplace/service-kit';
import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, transferPageSchema } from '../payouts/payout.inputs';
import type { DisputeAllocationRow, DisputeRow } from './dispute.schema';
import { DisputeService } from './dispute.service';

@ObjectType({ description: "One seller's share of a dispute, taken back while it is open." })
export class DisputeAllocation {
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => Int, { description: 'Minor units.' }) amount!: number;
  @Field({ description: 'reversal (transfer reversed) | shrunk (not transferred yet)' }) mode!: string;
  @Field({ description: 'held | returned (won) | lost' }) status!: string;
}

@ObjectType({ description: 'A chargeback on a checkout (Stripe charge.dispute.*).' })
export class Dispute {
  @Field(() => ID) id!: string;
  @Field() providerDisputeId!: string;
  @Field(() => ID) buyerOrderId!: string;
  @Field(() => Int) amount!: number;
  @Field() currency!: string;
  @Field() reason!: string;
  @Field({ description: 'open | won | lost' }) status!: string;
  @Field(() => [DisputeAllocation]) allocations!: DisputeAllocation[];
  @Field() createdAt!: Date;
}

@ObjectType()
export class DisputeConnection {
  @Field(() => [Dispute]) nodes!: Dispute[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

/** A dispute with its sellers' shares, picked from `allocations` (those of any number of disputes). */
export function toDispute(row: DisputeRow, allocations: DisputeAllocationRow[]): Dispute {
  return {
    id: row.id,
    providerDisputeId: row.providerDisputeId,
    buyerOrderId: row.buyerOrderId,
    amount: row.amount,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    createdAt: row.createdAt,
    allocations: allocations
      .filter((allocation) => allocation.disputeId === row.id)
      .map(({ tenantId, sellerOrderId, amount, mode, status }) => ({
        tenantId,
        sellerOrderId,
        amount,
        mode,
        status,
      })),
  };
}

/** Platform admins: every dispute with the sellers' shares (cross-tenant, audited). */
@Resolver()
export class DisputesResolver {
  constructor(
    private readonly disputeService: DisputeService,
    private readonly database: MySqlDatabase,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => DisputeConnection, { description: 'Disputes, newest first.' })
  async disputes(
    @CurrentPrincipal() admin: Principal,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<DisputeConnection> {
    const page = transferPageSchema.parse({ first, ...(after ? { after } : {}) });
    this.logger.info(
      { audit: true, crossTenant: true, adminId: admin.userId, action: 'list-disputes' },
      'admin dispute listing',
    );
    await recordAuditedRead(this.database.db, {
      service: 'payments',
      action: 'disputes.read',
      tenantId: null,
      targetType: 'dispute-list',
      after: { first: page.first, after: page.after ?? null },
    });
    const rows = await this.disputeService.page(
      page.first + 1,
      page.after ? createdAtCursor.decode(page.after) : undefined,
    );
    const nodes = rows.slice(0, page.first);
    const allocations = await this.disputeService.allocationsOf(nodes.map((row) => row.id));
    const last = nodes.at(-1);
    return {
      nodes: nodes.map((row) => toDispute(row, allocations)),
      pageInfo: {
        hasNextPage: rows.length > page.first,
        endCursor: last ? createdAtCursor.encode(last) : null,
      },
    };
  }
}
