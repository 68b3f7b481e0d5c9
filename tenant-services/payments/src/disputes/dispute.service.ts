import { Inject, Injectable } from '@nestjs/common';
import { SellerOrderDisputed } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import { LOGGER, type Logger } from '@marketplace/observability';
import {
  acrossTenants,
  crossTenantRepository,
  type MySqlDb,
  tenantRepository,
  withinTenant,
} from '@marketplace/tenancy';
import { type CreatedAtPosition, MySqlDatabase } from '@marketplace/service-kit';
import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { ulid } from 'ulid';
import { appendLedger } from '../ledger/ledger.repository';
import { appendSellerLedger } from '../ledger/seller-ledger.repository';
import { sellerShareOf } from '../payments/commission';
import { payments } from '../payments/payment.schema';
import { RefundService } from '../payments/refund.service';
import { type TransferReversalRow, transferReversals, transfers } from '../payments/transfer.schema';
import { lockTransfer } from '../payments/transfers.repository';
import { payoutAccounts } from '../payouts/payout-account.schema';
import type { PaymentProvider } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { type DisputeAllocationRow, disputeAllocations, type DisputeRow, disputes } from './dispute.schema';

export interface ProviderDispute {
  id: string;
  amount: number;
  currency: string;
  paymentIntentId: string;
  reason: string;
}

/** What the webhook does after its transaction commits: provider calls for the reversals and the returns. */
export interface DisputeFollowUp {
  reversals: TransferReversalRow[];
  returns: DisputeAllocationRow[];
}

/**
 * Chargebacks (ADR 0023): while a dispute is open, each seller's share of the disputed amount (pro rata to the seller
 * orders' subtotals, minus the commission on it) is taken back — reversed when it was transferred, kept when it was
 * not — and shows in the seller's ledger as `dispute`. Won: the shares are paid again; lost: they stay taken.
 */
@Injectable()
export class DisputeService {
  constructor(
    private readonly database: MySqlDatabase,
    private readonly refunds: RefundService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `charge.dispute.created`, in the webhook's transaction; false when the charge is not ours. */
  async opened(tx: MySqlDb, dispute: ProviderDispute, followUp: DisputeFollowUp): Promise<boolean> {
    const [payment] = await tx
      .select()
      .from(payments)
      .where(eq(payments.intentId, dispute.paymentIntentId))
      .for('update');
    if (!payment) return false;
    const now = new Date();
    const disputeId = ulid();
    const [inserted] = await tx
      .insert(disputes)
      .ignore()
      .values({
        id: disputeId,
        providerDisputeId: dispute.id,
        paymentId: payment.id,
        buyerOrderId: payment.buyerOrderId,
        amount: dispute.amount,
        currency: payment.currency,
        reason: dispute.reason.slice(0, 100),
        status: 'open',
        createdAt: now,
        updatedAt: now,
      });
    if (inserted.affectedRows === 0) return false;
    const settled = (
      await crossTenantRepository(tx, transfers).findMany(eq(transfers.buyerOrderId, payment.buyerOrderId))
    ).filter((row) => row.subtotal > 0 && row.status !== 'not_required');
    const allocations = allocate(
      Math.min(dispute.amount, payment.amount),
      settled.map((row) => row.subtotal),
    );
    for (const [i, transfer] of settled.entries()) {
      const share = Math.min(
        sellerShareOf(allocations[i]!, transfer.commissionBps),
        transfer.amount - transfer.reversedAmount,
      );
      if (share <= 0) continue;
      await withinTenant(transfer.tenantId, async () => {
        const made = transfer.status === 'created';
        const allocation: DisputeAllocationRow = {
          tenantId: transfer.tenantId,
          id: ulid(),
          disputeId,
          transferId: transfer.id,
          buyerOrderId: transfer.buyerOrderId,
          sellerOrderId: transfer.sellerOrderId,
          amount: share,
          currency: transfer.currency,
          mode: made ? 'reversal' : 'shrunk',
          status: 'held',
          returnTransferId: null,
          createdAt: now,
          updatedAt: now,
        };
        await tenantRepository(tx, disputeAllocations).insert(allocation);
        await tenantRepository(tx, transfers).update(eq(transfers.id, transfer.id), {
          reversedAmount: transfer.reversedAmount + share,
          ...(made ? { reversalStatus: 'pending' as const } : {}),
          updatedAt: now,
        });
        if (made) {
          const reversal: TransferReversalRow = {
            tenantId: transfer.tenantId,
            id: ulid(),
            refundId: null,
            disputeAllocationId: allocation.id,
            transferId: transfer.id,
            amount: share,
            currency: transfer.currency,
            status: 'pending',
            providerReversalId: null,
            attempts: 0,
            lastError: null,
            createdAt: now,
            updatedAt: now,
          };
          await tenantRepository(tx, transferReversals).insert(reversal);
          followUp.reversals.push(reversal);
        }
        await appendSellerLedger(
          tx,
          transfer,
          [{ kind: 'dispute', amount: -share, providerRef: dispute.id }],
          now,
        );
        await announce(tx, allocation, dispute.id, 'open', dispute.reason, now);
      });
    }
    return true;
  }

  /** `charge.dispute.closed`, in the webhook's transaction; false when already closed or not ours. */
  async closed(
    tx: MySqlDb,
    providerDisputeId: string,
    providerStatus: string,
    followUp: DisputeFollowUp,
  ): Promise<boolean> {
    const outcome =
      providerStatus === 'won' || providerStatus === 'warning_closed'
        ? 'won'
        : providerStatus === 'lost'
          ? 'lost'
          : null;
    if (!outcome) return false;
    const [dispute] = await tx
      .select()
      .from(disputes)
      .where(eq(disputes.providerDisputeId, providerDisputeId))
      .for('update');
    if (dispute?.status !== 'open') return false;
    const now = new Date();
    await tx.update(disputes).set({ status: outcome, updatedAt: now }).where(eq(disputes.id, dispute.id));
    const held = await crossTenantRepository(tx, disputeAllocations).findMany(
      and(eq(disputeAllocations.disputeId, dispute.id), eq(disputeAllocations.status, 'held')) as SQL,
    );
    for (const allocation of held) {
      await withinTenant(allocation.tenantId, async () => {
        await announce(tx, allocation, providerDisputeId, outcome, dispute.reason, now);
        if (outcome === 'lost') {
          await tenantRepository(tx, disputeAllocations).update(eq(disputeAllocations.id, allocation.id), {
            status: 'lost',
            updatedAt: now,
          });
          return;
        }
        if (allocation.mode === 'reversal') {
          followUp.returns.push(allocation);
          return;
        }
        // Never transferred: the share to transfer grows back.
        const transfer = await lockTransfer(tx, allocation.transferId);
        await tenantRepository(tx, transfers).update(eq(transfers.id, allocation.transferId), {
          reversedAmount: transfer!.reversedAmount - allocation.amount,
          updatedAt: now,
        });
        await tenantRepository(tx, disputeAllocations).update(eq(disputeAllocations.id, allocation.id), {
          status: 'returned',
          updatedAt: now,
        });
        await appendSellerLedger(
          tx,
          allocation,
          [{ kind: 'dispute', amount: allocation.amount, providerRef: providerDisputeId }],
          now,
        );
      });
    }
    return true;
  }

  /** After the webhook committed: reversals of transferred shares, and paying won shares again. */
  async followUp(work: DisputeFollowUp): Promise<void> {
    for (const reversal of work.reversals) await this.refunds.attemptReversal(reversal);
    for (const allocation of work.returns) await this.payBack(allocation);
  }

  /** Admins: every dispute, newest first. */
  page(first: number, after: CreatedAtPosition | undefined): Promise<DisputeRow[]> {
    const position = after
      ? or(
          lt(disputes.createdAt, after.createdAt),
          and(eq(disputes.createdAt, after.createdAt), lt(disputes.id, after.id)),
        )
      : undefined;
    return this.database.db
      .select()
      .from(disputes)
      .where(position)
      .orderBy(desc(disputes.createdAt), desc(disputes.id))
      .limit(first);
  }

  /** Admins: the sellers' shares of the given disputes, every seller's. */
  allocationsOf(disputeIds: string[]): Promise<DisputeAllocationRow[]> {
    if (disputeIds.length === 0) return Promise.resolve([]);
    return acrossTenants('payments.admin-list-disputes', () =>
      crossTenantRepository(this.database.db, disputeAllocations).findMany(
        inArray(disputeAllocations.disputeId, disputeIds),
      ),
    );
  }

  private async payBack(allocation: DisputeAllocationRow): Promise<void> {
    await withinTenant(allocation.tenantId, async () => {
      const db = this.database.db;
      const account = await tenantRepository(db, payoutAccounts).findOne(
        eq(payoutAccounts.tenantId, allocation.tenantId),
      );
      let providerTransferId: string;
      try {
        if (!account) throw new Error('The seller has no payout account');
        ({ id: providerTransferId } = await this.provider.createTransfer({
          amount: allocation.amount,
          currency: allocation.currency,
          destinationAccount: account.providerAccountId,
          transferGroup: allocation.buyerOrderId,
          idempotencyKey: `dispute-return-${allocation.id}`,
          metadata: { sellerOrderId: allocation.sellerOrderId, disputeAllocationId: allocation.id },
        }));
      } catch (error) {
        this.logger.error(
          { disputeAllocationId: allocation.id, tenantId: allocation.tenantId, err: error },
          'paying back a won dispute share failed; it stays held for an admin',
        );
        return;
      }
      await db.transaction(async (tx) => {
        const now = new Date();
        const changed = await tenantRepository(tx, disputeAllocations).update(
          and(eq(disputeAllocations.id, allocation.id), eq(disputeAllocations.status, 'held')) as SQL,
          { status: 'returned', returnTransferId: providerTransferId, updatedAt: now },
        );
        if (changed === 0) return;
        await appendSellerLedger(
          tx,
          allocation,
          [
            { kind: 'dispute', amount: allocation.amount },
            { kind: 'payout', amount: -allocation.amount, providerRef: providerTransferId },
          ],
          now,
        );
        await appendLedger(
          tx,
          [
            {
              buyerOrderId: allocation.buyerOrderId,
              sellerOrderId: allocation.sellerOrderId,
              tenantId: allocation.tenantId,
              kind: 'transfer',
              amount: allocation.amount,
              currency: allocation.currency,
              providerRef: providerTransferId,
            },
          ],
          now,
        );
      });
    });
  }
}

/** Tells the seller's order (orders flags it) that a dispute concerns it, or ended. */
async function announce(
  tx: MySqlDb,
  allocation: DisputeAllocationRow,
  disputeId: string,
  status: 'open' | 'won' | 'lost',
  reason: string,
  at: Date,
): Promise<void> {
  await enqueue(
    tx,
    SellerOrderDisputed.create(
      {
        disputeId,
        buyerOrderId: allocation.buyerOrderId,
        sellerOrderId: allocation.sellerOrderId,
        tenantId: allocation.tenantId,
        amount: allocation.amount,
        currency: allocation.currency,
        status,
        reason,
        changedAt: at.toISOString(),
      },
      { tenantId: allocation.tenantId },
    ),
    { key: allocation.buyerOrderId },
  );
}

/** Splits `amount` in proportion to `weights` (largest remainder), so the parts add up to it exactly. */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (amount * weight) / total);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((sum, part) => sum + part, 0);
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
