import { Inject, Injectable } from '@nestjs/common';
import { RefundCreated, RefundSucceeded } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import {
  LOGGER,
  type Logger,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '@marketplace/observability';
import { crossTenantRepository, type MySqlDb, tenantRepository, withinTenant } from '@marketplace/tenancy';
import { MySqlDatabase } from '@marketplace/service-kit';
import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { appendLedger } from '../ledger/ledger.repository';
import { appendSellerLedger } from '../ledger/seller-ledger.repository';
import {
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefundStatus,
} from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { commissionOf, sellerShareOf } from './commission';
import { payments, type RefundRow, refunds } from './payment.schema';
import { type TransferReversalRow, transferReversals, transfers } from './transfer.schema';

export interface RefundCommand {
  buyerOrderId: string;
  /** The seller order refunded; required once the payment was settled, so its transfer can be reversed. */
  sellerOrderId?: string;
  amount: number;
  idempotencyKey: string;
}

/** Refunds to the buyer, and the reversal of the seller's share that each refund of a settled seller order needs. */
@Injectable()
export class RefundService {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Refuses amounts above what is still refundable (per seller order and per payment); nothing is written then. */
  async refund(command: RefundCommand): Promise<RefundRow> {
    const db = this.database.db;
    const repeated = await this.byIdempotencyKey(command.idempotencyKey);
    if (repeated) return sameRefund(repeated, command);

    const reserved = await db.transaction(async (tx) => {
      const [payment] = await tx
        .select()
        .from(payments)
        .where(eq(payments.buyerOrderId, command.buyerOrderId))
        .for('update');
      if (!payment) throw new NotFoundError(`No payment for buyer order ${command.buyerOrderId}`);
      if (payment.status !== 'succeeded') {
        throw new ConflictError(
          `The payment of buyer order ${command.buyerOrderId} is ${payment.status}: nothing to refund`,
        );
      }
      const settled = await crossTenantRepository(tx, transfers).findMany(
        eq(transfers.buyerOrderId, command.buyerOrderId),
      );
      if (command.sellerOrderId === undefined && settled.length > 0) {
        throw new ValidationError('The payment was settled to sellers: name the seller order to refund');
      }
      if (command.sellerOrderId !== undefined) {
        const transfer = settled.find((row) => row.sellerOrderId === command.sellerOrderId);
        if (!transfer) {
          throw new NotFoundError(
            `Seller order ${command.sellerOrderId} is not part of buyer order ${command.buyerOrderId}`,
          );
        }
        const refundable =
          transfer.subtotal - (await refundedSoFar(tx, eq(refunds.sellerOrderId, command.sellerOrderId)));
        if (command.amount > refundable) {
          throw new ValidationError(
            `Refund of ${command.amount} exceeds the ${refundable} ${payment.currency} still refundable for seller order ${command.sellerOrderId}`,
          );
        }
      }
      const refundable = payment.amount - (await refundedSoFar(tx, eq(refunds.paymentId, payment.id)));
      if (command.amount > refundable) {
        throw new ValidationError(
          `Refund of ${command.amount} exceeds the ${refundable} ${payment.currency} still refundable for buyer order ${command.buyerOrderId}`,
        );
      }
      const now = new Date();
      const row: RefundRow = {
        id: ulid(),
        idempotencyKey: command.idempotencyKey,
        paymentId: payment.id,
        buyerOrderId: command.buyerOrderId,
        sellerOrderId: command.sellerOrderId ?? null,
        amount: command.amount,
        currency: payment.currency,
        status: 'pending',
        providerRefundId: null,
        failureReason: null,
        succeededAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(refunds).values(row);
      return { refund: row, intentId: payment.intentId };
    });

    await this.complete(reserved.refund, reserved.intentId);
    return (await this.byIdempotencyKey(command.idempotencyKey)) as RefundRow;
  }

  /**
   * Refunds still `pending` since before `cutoff`: the process stopped between reserving the refund and recording
   * the provider's answer (or the provider was unreachable). Asking the provider again with the same idempotency
   * key returns the refund it already made, or makes it now; either way it is recorded once.
   */
  async reconcilePending(cutoff: Date, limit = 50): Promise<number> {
    const stale = await this.database.db
      .select({ refund: refunds, intentId: payments.intentId })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(and(eq(refunds.status, 'pending'), lte(refunds.updatedAt, cutoff)))
      .orderBy(asc(refunds.updatedAt))
      .limit(limit);
    for (const { refund, intentId } of stale) {
      try {
        await this.complete(refund, intentId);
      } catch (error) {
        if (error instanceof ConflictError) continue;
        this.logger.warn({ refundId: refund.id, err: error }, 'pending refund not reconciled yet');
        // To the back of the queue, so one refund the provider keeps failing never starves the others.
        await this.database.db
          .update(refunds)
          .set({ updatedAt: new Date() })
          .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'pending')));
      }
    }
    return stale.length;
  }

  /** Asks the provider for a reserved refund (idempotently) and records the answer once; then reverses the share. */
  private async complete(refund: RefundRow, intentId: string): Promise<void> {
    const db = this.database.db;
    let providerRefund: { id: string; status: ProviderRefundStatus };
    try {
      providerRefund = await this.provider.refund({
        paymentIntentId: intentId,
        amount: refund.amount,
        idempotencyKey: `refund-${refund.id}`,
      });
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      await db
        .update(refunds)
        .set({ status: 'failed', failureReason: error.message.slice(0, 500), updatedAt: new Date() })
        .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'pending')));
      throw new ConflictError(`The refund was declined: ${error.message}`);
    }

    const reversal = await db.transaction((tx) => this.recordRefund(tx, refund.id, providerRefund));
    if (reversal) await this.attemptReversal(reversal);
  }

  /** Retries reversals that failed (seller balance short) or whose attempt was interrupted. */
  async retryReversals(limit = 50): Promise<number> {
    const open = await crossTenantRepository(this.database.db, transferReversals).findMany(
      inArray(transferReversals.status, ['pending', 'failed']),
      { orderBy: [asc(transferReversals.updatedAt)], limit },
    );
    for (const reversal of open) await this.attemptReversal(reversal);
    return open.length;
  }

  /**
   * The provider reports a refund it had kept pending as succeeded (its `refund.updated` webhook): `refund.succeeded`
   * once. False for a refund that is not ours (made in the provider's dashboard) or already reported.
   */
  async markSucceeded(tx: MySqlDb, providerRefundId: string): Promise<boolean> {
    const [refund] = await tx
      .select()
      .from(refunds)
      .where(eq(refunds.providerRefundId, providerRefundId))
      .for('update');
    if (refund?.status !== 'succeeded' || refund.succeededAt !== null) return false;
    const now = new Date();
    await tx.update(refunds).set({ succeededAt: now, updatedAt: now }).where(eq(refunds.id, refund.id));
    await enqueueRefundSucceeded(tx, refund, providerRefundId, now);
    return true;
  }

  /** Records the provider's refund once (the row lock and the status make a concurrent reconciliation a no-op). */
  private async recordRefund(
    tx: MySqlDb,
    refundId: string,
    providerRefund: { id: string; status: ProviderRefundStatus },
  ): Promise<TransferReversalRow | undefined> {
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
    if (refund?.status !== 'pending') return undefined;
    const now = new Date();
    const providerRefundId = providerRefund.id;
    const succeeded = providerRefund.status === 'succeeded';
    await tx
      .update(refunds)
      .set({ status: 'succeeded', providerRefundId, succeededAt: succeeded ? now : null, updatedAt: now })
      .where(eq(refunds.id, refund.id));
    await appendLedger(
      tx,
      [
        {
          buyerOrderId: refund.buyerOrderId,
          sellerOrderId: refund.sellerOrderId,
          kind: 'refund',
          amount: refund.amount,
          currency: refund.currency,
          providerRef: providerRefundId,
        },
      ],
      now,
    );
    await enqueue(
      tx,
      RefundCreated.create(
        {
          refundId: refund.id,
          buyerOrderId: refund.buyerOrderId,
          sellerOrderId: refund.sellerOrderId,
          amount: refund.amount,
          currency: refund.currency,
          providerRefundId,
          createdAt: now.toISOString(),
        },
        { tenantId: null },
      ),
      { key: refund.buyerOrderId },
    );
    if (succeeded) await enqueueRefundSucceeded(tx, refund, providerRefundId, now);
    const [payment] = await tx.select().from(payments).where(eq(payments.id, refund.paymentId));
    if (
      payment &&
      (await refundedSoFar(tx, eq(refunds.paymentId, payment.id), ['succeeded'])) >= payment.amount
    ) {
      await tx
        .update(payments)
        .set({ status: 'refunded', updatedAt: now })
        .where(eq(payments.id, payment.id));
    }
    if (refund.sellerOrderId === null) return undefined;

    const [transfer] = await crossTenantRepository(tx, transfers).findMany(
      eq(transfers.sellerOrderId, refund.sellerOrderId),
    );
    if (!transfer) return undefined;
    // The seller bears its share of the refund; the platform's commission on it comes back (ADR 0017).
    await appendSellerLedger(
      tx,
      transfer,
      [
        { kind: 'refund', amount: -refund.amount, providerRef: providerRefundId },
        { kind: 'commission', amount: commissionOf(refund.amount, transfer.commissionBps) },
      ],
      now,
    );
    const amount = Math.min(
      sellerShareOf(refund.amount, transfer.commissionBps),
      transfer.amount - transfer.reversedAmount,
    );
    if (amount <= 0) return undefined;
    if (transfer.status === 'pending' || transfer.status === 'held') {
      // Not paid out yet: the share still to transfer shrinks instead of being reversed.
      await withinTenant(transfer.tenantId, () =>
        tenantRepository(tx, transfers).update(eq(transfers.id, transfer.id), {
          reversedAmount: transfer.reversedAmount + amount,
          updatedAt: now,
        }),
      );
      return undefined;
    }
    if (transfer.status !== 'created') return undefined;
    return withinTenant(transfer.tenantId, async () => {
      const reversal: TransferReversalRow = {
        tenantId: transfer.tenantId,
        id: ulid(),
        refundId: refund.id,
        disputeAllocationId: null,
        transferId: transfer.id,
        amount,
        currency: transfer.currency,
        status: 'pending',
        providerReversalId: null,
        attempts: 0,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      };
      await tenantRepository(tx, transferReversals).insert(reversal);
      await tenantRepository(tx, transfers).update(eq(transfers.id, transfer.id), {
        reversalStatus: 'pending',
        reversedAmount: transfer.reversedAmount + amount,
        updatedAt: now,
      });
      return reversal;
    });
  }

  /** One attempt; a refusal is recorded (status failed, attempts, error) and retried by the sweeper. */
  async attemptReversal(reversal: TransferReversalRow): Promise<void> {
    await withinTenant(reversal.tenantId, async () => {
      const db = this.database.db;
      const transfer = await tenantRepository(db, transfers).findOne(eq(transfers.id, reversal.transferId));
      if (!transfer?.providerTransferId) return;
      const now = new Date();
      try {
        const { id } = await this.provider.reverseTransfer({
          transferId: transfer.providerTransferId,
          amount: reversal.amount,
          idempotencyKey: `reversal-${reversal.id}`,
        });
        await db.transaction(async (tx) => {
          const changed = await tenantRepository(tx, transferReversals).update(
            and(
              eq(transferReversals.id, reversal.id),
              inArray(transferReversals.status, ['pending', 'failed']),
            ) as SQL,
            {
              status: 'succeeded',
              providerReversalId: id,
              attempts: reversal.attempts + 1,
              lastError: null,
              updatedAt: now,
            },
          );
          if (changed === 0) return;
          await tenantRepository(tx, transfers).update(eq(transfers.id, transfer.id), {
            reversalStatus: 'succeeded',
            updatedAt: now,
          });
          await appendLedger(
            tx,
            [
              {
                buyerOrderId: transfer.buyerOrderId,
                sellerOrderId: transfer.sellerOrderId,
                tenantId: transfer.tenantId,
                kind: 'transfer_reversal',
                amount: reversal.amount,
                currency: reversal.currency,
                providerRef: id,
              },
            ],
            now,
          );
          await appendSellerLedger(
            tx,
            transfer,
            [{ kind: 'reversal', amount: reversal.amount, providerRef: id }],
            now,
          );
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          { reversalId: reversal.id, tenantId: reversal.tenantId, err: message },
          'transfer reversal failed; will retry',
        );
        await db.transaction(async (tx) => {
          await tenantRepository(tx, transferReversals).update(eq(transferReversals.id, reversal.id), {
            status: 'failed',
            attempts: reversal.attempts + 1,
            lastError: message.slice(0, 1000),
            updatedAt: now,
          });
          await tenantRepository(tx, transfers).update(eq(transfers.id, transfer.id), {
            reversalStatus: 'failed',
            updatedAt: now,
          });
        });
      }
    });
  }

  private byIdempotencyKey(key: string): Promise<RefundRow | undefined> {
    return this.database.db
      .select()
      .from(refunds)
      .where(eq(refunds.idempotencyKey, key))
      .limit(1)
      .then((rows) => rows[0]);
  }
}

/** `refund.succeeded` on the buyer order's key, after its `refund.created`. */
function enqueueRefundSucceeded(
  tx: MySqlDb,
  refund: RefundRow,
  providerRefundId: string,
  at: Date,
): Promise<void> {
  return enqueue(
    tx,
    RefundSucceeded.create(
      {
        refundId: refund.id,
        buyerOrderId: refund.buyerOrderId,
        sellerOrderId: refund.sellerOrderId,
        amount: refund.amount,
        currency: refund.currency,
        providerRefundId,
        succeededAt: at.toISOString(),
      },
      { tenantId: null },
    ),
    { key: refund.buyerOrderId },
  );
}

/** Refunds that count against what is refundable: succeeded ones and those still with the provider. */
async function refundedSoFar(
  tx: MySqlDb,
  where: SQL,
  statuses: ('pending' | 'succeeded')[] = ['pending', 'succeeded'],
): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string | number | null>`sum(${refunds.amount})` })
    .from(refunds)
    .where(and(where, inArray(refunds.status, statuses)));
  return Number(row?.total ?? 0);
}

function sameRefund(refund: RefundRow, command: RefundCommand): RefundRow {
  if (
    refund.buyerOrderId !== command.buyerOrderId ||
    refund.amount !== command.amount ||
    (refund.sellerOrderId ?? undefined) !== command.sellerOrderId
  ) {
    throw new ConflictError('The idempotency key was already used for another refund');
  }
  return refund;
}
