import { Injectable } from '@nestjs/common';
import { acrossTenants, type MySqlDb, requireTenantId } from '@marketplace/tenancy';
import { createdAtCursor, MySqlDatabase } from '@marketplace/service-kit';
import { and, desc, eq, gt, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type TransferRow, transfers } from '../payments/transfer.schema';

export type PayoutIssueKind = 'held' | 'failed';

/**
 * Transfers that did not reach a seller, every seller's (platform admins): held (the seller may not receive money
 * yet) or failed (the provider refused it; the sweeper retries). Named cross-tenant reads; the caller audits.
 */
@Injectable()
export class PayoutIssuesRepository {
  constructor(private readonly database: MySqlDatabase) {}

  /** Newest first, `first + 1` rows (the caller pages). */
  page(
    kind: PayoutIssueKind,
    first: number,
    after: string | undefined,
    tenantId: string | undefined,
  ): Promise<TransferRow[]> {
    const position = after === undefined ? undefined : createdAtCursor.decode(after);
    return acrossTenants('payments.admin-payout-issues', () =>
      this.database.db
        .select()
        .from(transfers)
        .where(
          and(
            ofKind(kind),
            tenantId ? eq(transfers.tenantId, tenantId) : undefined,
            position
              ? or(
                  lt(transfers.createdAt, position.createdAt),
                  and(eq(transfers.createdAt, position.createdAt), lt(transfers.id, position.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(transfers.createdAt), desc(transfers.id))
        .limit(first + 1),
    );
  }

  /** Held money by currency: what sellers are owed but may not receive yet. */
  heldTotals(
    tenantId: string | undefined,
  ): Promise<{ currency: string; amount: number; transfers: number }[]> {
    return acrossTenants('payments.admin-held-funds', () => heldTotalsOf(this.database.db, tenantId));
  }

  /**
   * The caller's own held money by currency and by why it is held (the seller's payouts page): the same totals as
   * the admins', scoped to the tenant of the request context instead of a named cross-tenant read.
   */
  async ownHeldTotals(): Promise<HeldTotal[]> {
    return heldTotalsOf(this.database.db, requireTenantId(), { byReason: true });
  }
}

export interface HeldTotal {
  currency: string;
  amount: number;
  transfers: number;
  /** Why the transfers are held (grouped by it only when asked for). */
  reason: string | null;
}

/** Held transfers summed per currency (and reason), of one tenant or (inside a named cross-tenant read) of all. */
async function heldTotalsOf(
  db: MySqlDb,
  tenantId: string | undefined,
  options: { byReason?: boolean } = {},
): Promise<HeldTotal[]> {
  const reason = options.byReason ? transfers.lastError : sql<null>`NULL`;
  const rows = await db
    .select({
      currency: transfers.currency,
      reason,
      amount: sql<string>`COALESCE(SUM(${transfers.amount} - ${transfers.reversedAmount}), 0)`,
      transfers: sql<string>`COUNT(*)`,
    })
    .from(transfers)
    .where(and(ofKind('held'), tenantId ? eq(transfers.tenantId, tenantId) : undefined))
    .groupBy(...(options.byReason ? [transfers.currency, transfers.lastError] : [transfers.currency]))
    .orderBy(transfers.currency, ...(options.byReason ? [transfers.lastError] : []));
  return rows.map((row) => ({
    currency: row.currency,
    amount: Number(row.amount),
    transfers: Number(row.transfers),
    reason: (row.reason as string | null) ?? null,
  }));
}

function ofKind(kind: PayoutIssueKind): SQL {
  return kind === 'held'
    ? (and(
        eq(transfers.status, 'held'),
        gt(sql`${transfers.amount} - ${transfers.reversedAmount}`, 0),
      ) as SQL)
    : (and(eq(transfers.status, 'pending'), isNotNull(transfers.lastError)) as SQL);
}
