import { Inject, Injectable } from '@nestjs/common';
import { TransferCreated } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import {
  LOGGER,
  type Logger,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '@marketplace/observability';
import { crossTenantRepository, tenantRepository, withinTenant } from '@marketplace/tenancy';
import { MySqlDatabase, retryOnLockConflict } from '@marketplace/service-kit';
import { and, asc, eq, inArray, notInArray, type SQL } from 'drizzle-orm';
import { ulid } from 'ulid';
import { appendLedger, type LedgerEntry } from '../ledger/ledger.repository';
import { appendSellerLedger } from '../ledger/seller-ledger.repository';
import type { PaymentProvider } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { type PayoutAccountRow, payoutAccounts } from '../payouts/payout-account.schema';
import { tenantsReceivingTransfers } from '../payouts/payout-accounts.repository';
import { tenantsNotActive, TenantStatuses } from '../tenants/tenant-statuses.repository';
import { commissionOf } from './commission';
import { HOLD_REASONS } from './hold-reasons';
import { payments } from './payment.schema';
import { type TransferRow, transfers } from './transfer.schema';

export interface SellerOrderShare {
  sellerOrderId: string;
  tenantId: string;
  subtotal: number;
  commissionBps: number;
  commission?: number | undefined;
}

/**
 * Pays each seller its share of a succeeded payment: one transfer per seller order in the buyer order's transfer
 * group, commission kept by the platform. Runs in the cross-tenant scope (internal caller or sweeper).
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly tenantStatuses: TenantStatuses,
  ) {}

  /** Idempotent per seller order; returns every transfer of the buyer order. */
  async settle(buyerOrderId: string, sellerOrders: SellerOrderShare[]): Promise<TransferRow[]> {
    const db = this.database.db;
    const allTransfers = crossTenantRepository(db, transfers);
    // Concurrent settlements of orders that share sellers lock the same balance rows; retried on a lock conflict.
    const pending = await retryOnLockConflict(() =>
      db.transaction(async (tx) => {
        const [payment] = await tx
          .select()
          .from(payments)
          .where(eq(payments.buyerOrderId, buyerOrderId))
          .for('update');
        if (!payment) throw new ValidationError(`No payment for buyer order ${buyerOrderId}`);
        if (payment.status !== 'succeeded') {
          throw new ConflictError(
            `The payment of buyer order ${buyerOrderId} is ${payment.status}, not succeeded`,
          );
        }
        const existing = await crossTenantRepository(tx, transfers).findMany(
          eq(transfers.buyerOrderId, buyerOrderId),
        );
        const known = new Map(existing.map((row) => [row.sellerOrderId, row]));
        const fresh = sellerOrders
          .filter((order) => {
            const row = known.get(order.sellerOrderId);
            if (row && (row.tenantId !== order.tenantId || row.subtotal !== order.subtotal)) {
              throw new ConflictError(
                `Seller order ${order.sellerOrderId} was already settled with other terms`,
              );
            }
            return !row;
          })
          // Each seller's balance row is locked in tenant id order, so that two settlements sharing sellers wait
          // for each other instead of each holding the row the other needs (ADR 0055).
          .sort((a, b) => compare(a.tenantId, b.tenantId) || compare(a.sellerOrderId, b.sellerOrderId));
        const settled = [...existing, ...fresh].reduce((sum, order) => sum + order.subtotal, 0);
        if (settled > payment.amount) {
          throw new ValidationError(
            `Seller subtotals (${settled}) exceed the payment of buyer order ${buyerOrderId} (${payment.amount})`,
          );
        }
        const now = new Date();
        const created: TransferRow[] = [];
        const commissions: LedgerEntry[] = [];
        for (const order of fresh) {
          const commission = order.commission ?? commissionOf(order.subtotal, order.commissionBps);
          const amount = order.subtotal - commission;
          const row: TransferRow = {
            tenantId: order.tenantId,
            id: ulid(),
            paymentId: payment.id,
            buyerOrderId,
            sellerOrderId: order.sellerOrderId,
            subtotal: order.subtotal,
            commissionBps: order.commissionBps,
            commission,
            amount,
            currency: payment.currency,
            // Providers refuse zero-amount transfers, and there is nothing to pay (ADR 0015).
            status: amount === 0 ? 'not_required' : 'pending',
            providerTransferId: null,
            attempts: 0,
            lastError: null,
            reversalStatus: 'none',
            reversedAmount: 0,
            createdAt: now,
            updatedAt: now,
          };
          await withinTenant(order.tenantId, () => tenantRepository(tx, transfers).insert(row));
          created.push(row);
          await appendSellerLedger(
            tx,
            {
              tenantId: order.tenantId,
              buyerOrderId,
              sellerOrderId: order.sellerOrderId,
              currency: payment.currency,
            },
            [
              { kind: 'sale', amount: order.subtotal },
              { kind: 'commission', amount: -commission },
            ],
            now,
          );
          if (commission > 0) {
            commissions.push({
              buyerOrderId,
              sellerOrderId: order.sellerOrderId,
              tenantId: order.tenantId,
              kind: 'commission',
              amount: commission,
              currency: payment.currency,
            });
          }
        }
        await appendLedger(tx, commissions, now);
        // The rows as they stand now, so the attempts below need not read them again.
        return [...existing, ...created].filter((row) => row.status === 'pending');
      }),
    );
    for (const row of pending) await this.attempt(row);
    return allTransfers.findMany(eq(transfers.buyerOrderId, buyerOrderId), { orderBy: [asc(transfers.id)] });
  }

  /**
   * Retries transfers the provider has not accepted yet, and releases held ones whose seller became payable
   * (transfers capability active, tenant active). Held transfers of sellers still not payable are not touched,
   * so any number of them never delays a retry.
   */
  async retryPending(limit = 50): Promise<number> {
    const all = crossTenantRepository(this.database.db, transfers);
    const pending = await all.findMany(eq(transfers.status, 'pending'), {
      orderBy: [asc(transfers.updatedAt)],
      limit,
    });
    const releasable = await all.findMany(
      and(
        eq(transfers.status, 'held'),
        inArray(transfers.tenantId, tenantsReceivingTransfers(this.database.db)),
        notInArray(transfers.tenantId, tenantsNotActive(this.database.db)),
      ) as SQL,
      { orderBy: [asc(transfers.updatedAt)], limit },
    );
    for (const row of [...pending, ...releasable]) await this.attempt(row);
    return pending.length + releasable.length;
  }

  /**
   * An admin's retry of one transfer now (pending after a provider refusal, or held): the same attempt as the
   * sweeper's, so a seller that still may not receive money keeps it held. The transfer before and after; run
   * inside the caller's named cross-tenant operation.
   */
  async retryOne(id: string): Promise<{ before: TransferRow; after: TransferRow }> {
    const all = crossTenantRepository(this.database.db, transfers);
    const [before] = await all.findMany(eq(transfers.id, id));
    if (!before) throw new NotFoundError(`No transfer ${id}`);
    if (before.status !== 'pending' && before.status !== 'held')
      throw new ConflictError(`Transfer ${id} is ${before.status}: nothing to retry`);
    await this.attempt(before);
    const [after] = await all.findMany(eq(transfers.id, id));
    return { before, after: after! };
  }

  /** Releases the tenant's held transfers now (its payout account just became able to receive them). */
  async releaseHeld(tenantId: string): Promise<number> {
    const held = await withinTenant(tenantId, () =>
      tenantRepository(this.database.db, transfers).findMany(eq(transfers.status, 'held'), {
        orderBy: [asc(transfers.createdAt)],
      }),
    );
    for (const row of held) await this.attempt(row);
    return held.length;
  }

  /**
   * The account the seller receives money on, or why it cannot receive money now (ADR 0016), for the context's
   * tenant.
   */
  private async payoutAccount(
    tenantId: string,
  ): Promise<{ account: PayoutAccountRow; blocked: null } | { blocked: string }> {
    const account = await tenantRepository(this.database.db, payoutAccounts).findOne(
      eq(payoutAccounts.tenantId, tenantId),
    );
    if (!account) return { blocked: HOLD_REASONS.NO_PAYOUT_ACCOUNT };
    if (!account.transfersActive) return { blocked: HOLD_REASONS.VERIFICATION_PENDING };
    const status = await this.tenantStatuses.of(tenantId);
    if (status === 'pending') return { blocked: HOLD_REASONS.NOT_APPROVED };
    if (status === 'suspended') return { blocked: HOLD_REASONS.SUSPENDED };
    if (status === 'rejected') return { blocked: HOLD_REASONS.REJECTED };
    return { account, blocked: null };
  }

  /**
   * One attempt. A seller that may not receive money gets the transfer held (ledger `hold`); a provider failure is
   * recorded on the row for the sweeper instead of failing the settlement.
   */
  private async attempt(row: TransferRow): Promise<void> {
    await withinTenant(row.tenantId, async () => {
      const db = this.database.db;
      const amount = row.amount - row.reversedAmount;
      const payout = amount > 0 ? await this.payoutAccount(row.tenantId) : undefined;
      if (payout && payout.blocked !== null) {
        await this.hold(row, amount, payout.blocked);
        return;
      }
      let providerTransferId: string | null = null;
      try {
        if (payout) {
          ({ id: providerTransferId } = await this.provider.createTransfer({
            amount,
            currency: row.currency,
            destinationAccount: payout.account.providerAccountId,
            transferGroup: row.buyerOrderId,
            idempotencyKey: `transfer-${row.id}`,
            metadata: { sellerOrderId: row.sellerOrderId, tenantId: row.tenantId },
          }));
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          { transferId: row.id, tenantId: row.tenantId, err: message },
          'transfer not accepted yet',
        );
        await tenantRepository(db, transfers).update(eq(transfers.id, row.id), {
          attempts: row.attempts + 1,
          lastError: message.slice(0, 1000),
          updatedAt: new Date(),
        });
        return;
      }
      await retryOnLockConflict(() =>
        db.transaction(async (tx) => {
          const now = new Date();
          const changed = await tenantRepository(tx, transfers).update(
            and(eq(transfers.id, row.id), eq(transfers.status, row.status)) as SQL,
            {
              status: providerTransferId ? 'created' : 'not_required',
              providerTransferId,
              attempts: row.attempts + 1,
              lastError: null,
              updatedAt: now,
            },
          );
          if (changed === 0) return;
          const entry = {
            buyerOrderId: row.buyerOrderId,
            sellerOrderId: row.sellerOrderId,
            tenantId: row.tenantId,
            currency: row.currency,
          };
          await appendLedger(
            tx,
            [
              ...(row.status === 'held' ? [{ ...entry, kind: 'release' as const, amount }] : []),
              ...(providerTransferId
                ? [{ ...entry, kind: 'transfer' as const, amount, providerRef: providerTransferId }]
                : []),
            ],
            now,
          );
          await appendSellerLedger(
            tx,
            row,
            [
              ...(row.status === 'held' ? [{ kind: 'release' as const, amount }] : []),
              ...(providerTransferId
                ? [{ kind: 'payout' as const, amount: -amount, providerRef: providerTransferId }]
                : []),
            ],
            now,
          );
          if (!providerTransferId) return;
          await enqueue(
            tx,
            TransferCreated.create({
              transferId: row.id,
              buyerOrderId: row.buyerOrderId,
              sellerOrderId: row.sellerOrderId,
              tenantId: row.tenantId,
              subtotal: row.subtotal,
              commission: row.commission,
              amount,
              currency: row.currency,
              providerTransferId,
              createdAt: now.toISOString(),
            }),
            { key: row.buyerOrderId },
          );
        }),
      );
    });
  }

  /** Holds the seller's share in the ledger until the seller may receive it; a held row is only touched once. */
  private async hold(row: TransferRow, amount: number, reason: string): Promise<void> {
    if (row.status === 'held') return;
    await this.database.db.transaction(async (tx) => {
      const now = new Date();
      const changed = await tenantRepository(tx, transfers).update(
        and(eq(transfers.id, row.id), eq(transfers.status, 'pending')) as SQL,
        { status: 'held', lastError: reason, updatedAt: now },
      );
      if (changed === 0) return;
      await appendLedger(
        tx,
        [
          {
            buyerOrderId: row.buyerOrderId,
            sellerOrderId: row.sellerOrderId,
            tenantId: row.tenantId,
            kind: 'hold',
            amount,
            currency: row.currency,
          },
        ],
        now,
      );
      await appendSellerLedger(tx, row, [{ kind: 'hold', amount }], now);
    });
    this.logger.info({ transferId: row.id, tenantId: row.tenantId, reason }, 'transfer held');
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
