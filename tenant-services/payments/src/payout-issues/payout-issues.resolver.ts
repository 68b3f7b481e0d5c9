import { optionalReason, recordAudit } from '@marketplace/audit';
import { Roles } from '@marketplace/auth';
import { createdAtCursor, MySqlDatabase } from '@marketplace/service-kit';
import { acrossTenants, type MySqlDb } from '@marketplace/tenancy';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { SettlementService } from '../payments/settlement.service';
import type { TransferRow } from '../payments/transfer.schema';
import { DEFAULT_PAGE_SIZE, transferPageSchema } from '../payouts/payout.inputs';
import {
  HeldFunds,
  PayoutIssue,
  PayoutIssueConnection,
  PayoutIssueKindValue,
  toPayoutIssue,
} from './payout-issues.model';
import { PayoutIssuesRepository } from './payout-issues.repository';

const sellerIdSchema = z.uuid('must be a seller (tenant) id').optional();
const transferIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a transfer id');

/**
 * Platform admins: held funds and failed transfers across sellers, and a retry of one. Reads are recorded in the
 * audit trail as cross-tenant reads; a retry with its before, after and reason.
 */
@Roles('platform-admin')
@Resolver()
export class PayoutIssuesResolver {
  constructor(
    private readonly issues: PayoutIssuesRepository,
    private readonly settlement: SettlementService,
    private readonly database: MySqlDatabase,
  ) {}

  @Query(() => PayoutIssueConnection, {
    description: 'Transfers held (seller not payable yet) or failed (provider refused), newest first.',
  })
  async payoutIssues(
    @Args('kind', { type: () => PayoutIssueKindValue }) kind: PayoutIssueKindValue,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('sellerId', { type: () => ID, nullable: true }) sellerId?: string | null,
  ): Promise<PayoutIssueConnection> {
    const page = transferPageSchema.parse({ first, ...(after ? { after } : {}) });
    const tenantId = sellerIdSchema.parse(sellerId ?? undefined);
    await this.audit({
      action: 'payouts.read',
      tenantId,
      after: { kind, sellerId: tenantId ?? null },
      read: true,
    });
    const rows = await this.issues.page(kind, page.first, page.after, tenantId);
    const nodes = rows.slice(0, page.first);
    const last = nodes.at(-1);
    return {
      nodes: nodes.map(toPayoutIssue),
      pageInfo: {
        hasNextPage: rows.length > page.first,
        endCursor: last ? createdAtCursor.encode(last) : null,
      },
    };
  }

  @Query(() => [HeldFunds], {
    description: 'Money held for sellers who may not receive it yet, by currency.',
  })
  async heldFunds(
    @Args('sellerId', { type: () => ID, nullable: true }) sellerId?: string | null,
  ): Promise<HeldFunds[]> {
    const tenantId = sellerIdSchema.parse(sellerId ?? undefined);
    await this.audit({
      action: 'payouts.read',
      tenantId,
      after: { heldFunds: true, sellerId: tenantId ?? null },
      read: true,
    });
    return this.issues.heldTotals(tenantId);
  }

  @Mutation(() => PayoutIssue, {
    description:
      'Retries one held or failed transfer now; a seller who still may not receive money keeps it held (audited).',
  })
  async retryTransfer(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<PayoutIssue> {
    const transferId = transferIdSchema.parse(id);
    const why = optionalReason.parse(reason);
    const { before, after } = await acrossTenants('payments.admin-retry-transfer', () =>
      this.settlement.retryOne(transferId),
    );
    await this.audit({
      action: 'transfer.retry',
      tenantId: after.tenantId,
      targetId: after.id,
      before: snapshot(before),
      after: snapshot(after),
      reason: why,
    });
    return toPayoutIssue(after);
  }

  private async audit(entry: {
    action: string;
    tenantId: string | undefined;
    targetId?: string;
    before?: Record<string, unknown>;
    after: Record<string, unknown>;
    reason?: string | null;
    read?: boolean;
  }): Promise<void> {
    await this.database.db.transaction((tx: MySqlDb) =>
      recordAudit(tx, {
        service: 'payments',
        action: entry.action,
        tenantId: entry.tenantId ?? null,
        targetType: 'transfer',
        targetId: entry.targetId ?? null,
        before: entry.before ?? null,
        after: entry.after,
        reason: entry.reason ?? null,
        read: entry.read ?? false,
      }),
    );
  }
}

function snapshot(row: TransferRow): Record<string, unknown> {
  return {
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    amount: row.amount - row.reversedAmount,
  };
}
