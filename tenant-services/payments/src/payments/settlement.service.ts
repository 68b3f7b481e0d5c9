import { Inject, Injectable } from '@nestjs/common';
import { type TenantStatus, TransferCreated } from '@marketplace/contracts';
import { enqueueAll } from '@marketplace/events';
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
import { appendLedger } from '../ledger/ledger.repository';
import { appendSellerLedger, appendSellerLedgers } from '../ledger/seller-ledger.repository';
import type { PaymentProvider } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { type PayoutAccountRow, payoutAccounts } from '../payouts/payout-account.schema';
import { tenantsReceivingTransfers } from '../payouts/payout-accounts.repository';
import { tenantsNotActive, TenantStatuses } from '../tenants/tenant-statuses.repository';
import { commissionOf } from './commission';
import { HOLD_REASONS } from './hold-reasons';
import { payments } from './payment.schema';
import { type TransferRow, type TransferStatus, transfers } from './transfer.schema';

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
    // Concurrent settlements of orders that share sellers lock the same balance rows; retried on a lock conflict.
    const { existing, created } = await retryOnLockConflict(() =>
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
        const created = fresh.map((order): TransferRow => {
          const commission = order.commission ?? commissionOf(order.subtotal, order.commissionBps);
          const amount = order.subtotal - commission;
          return {
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
        });
        for (const row of created) {
          await withinTenant(row.tenantId, () => tenantRepository(tx, transfers).insert(row));
        }
        await appendSellerLedgers(
          tx,
          created.map((row) => ({
            order: row,
            entries: [
              { kind: 'sale', amount: row.subtotal },
              { kind: 'commission', amount: -row.commission },
            ],
          })),
          now,
        );
        await appendLedger(
          tx,
          created
            .filter((row) => row.commission > 0)
            .map((row) => ({
              buyerOrderId,
              sellerOrderId: row.sellerOrderId,
              tenantId: row.tenantId,
              kind: 'commission' as const,
              amount: row.commission,
              currency: row.currency,
            })),
          now,
        );
        return { existing, created };
      }),
    );
    // The rows as they stand now, so the attempts need not read them again.
    const attempted = await this.attempt([...existing, ...created].filter((row) => row.status === 'pending'));
    // A settlement that wrote every transfer and saw each attempt through knows the rows as they stand; one that
    // found earlier transfers, or whose attempt found a row moved on by someone else, reads them.
    if (existing.length === 0 && attempted) {
      const after = new Map(attempted.map((row) => [row.id, row]));
      return created.map((row) => after.get(row.id) ?? row).sort((a, b) => compare(a.id, b.id));
    }
    return crossTenantRepository(db, transfers).findMany(eq(transfers.buyerOrderId, buyerOrderId), {
      orderBy: [asc(transfers.id)],
    });
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
    // One attempt each: a transaction of its own per transfer, however many tenants the sweep reaches.
    for (const row of [...pending, ...releasable]) await this.attempt([row]);
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
    const [attempted] = (await this.attempt([before])) ?? [];
    const after = attempted ?? (await all.findMany(eq(transfers.id, id)))[0]!;
    return { before, after };
  }

  /** Releases the tenant's held transfers now (its payout account just became able to receive them). */
  async releaseHeld(tenantId: string): Promise<number> {
    const held = await withinTenant(tenantId, () =>
      tenantRepository(this.database.db, transfers).findMany(eq(transfers.status, 'held'), {
        orderBy: [asc(transfers.createdAt)],
      }),
    );
    for (const row of held) await this.attempt([row]);
    return held.length;
  }

  /**
   * The account each seller receives money on, or why it cannot receive money now (ADR 0016): two reads for any
   * number of sellers, in the caller's cross-tenant operation.
   */
  private async payoutAccounts(tenantIds: string[]): Promise<Map<string, PayoutDecision>> {
    const decisions = new Map<string, PayoutDecision>();
    if (tenantIds.length === 0) return decisions;
    const accounts = await crossTenantRepository(this.database.db, payoutAccounts).findMany(
      inArray(payoutAccounts.tenantId, [...new Set(tenantIds)]),
    );
    const statuses = await this.tenantStatuses.ofAll(
      accounts.filter((account) => account.transfersActive).map((account) => account.tenantId),
    );
    for (const tenantId of tenantIds) {
      const account = accounts.find((row) => row.tenantId === tenantId);
      decisions.set(tenantId, payoutDecision(account, statuses.get(tenantId)));
    }
    return decisions;
  }

  /**
   * One attempt per transfer. A seller that may not receive money gets the transfer held (ledger `hold`); a
   * provider failure is recorded on the row for the sweeper instead of failing the settlement; the transfers the
   * provider accepted are recorded together (`record`). The rows as the attempts left them, or undefined when one
   * was moved on meanwhile by someone else (the sweeper, an admin's retry). Runs in a cross-tenant operation.
   */
  private async attempt(rows: TransferRow[]): Promise<TransferRow[] | undefined> {
    const payouts = await this.payoutAccounts(
      rows.filter((row) => payableOf(row) > 0).map((row) => row.tenantId),
    );
    const after = new Map<string, TransferRow | undefined>();
    const accepted: AcceptedTransfer[] = [];
    for (const row of rows) {
      await withinTenant(row.tenantId, async () => {
        const amount = payableOf(row);
        const payout = amount > 0 ? payouts.get(row.tenantId) : undefined;
        if (payout && payout.blocked !== null) {
          after.set(row.id, await this.hold(row, amount, payout.blocked));
          return;
        }
        try {
          const providerTransferId = payout
            ? (
                await this.provider.createTransfer({
                  amount,
                  currency: row.currency,
                  destinationAccount: payout.account.providerAccountId,
                  transferGroup: row.buyerOrderId,
                  idempotencyKey: `transfer-${row.id}`,
                  metadata: { sellerOrderId: row.sellerOrderId, tenantId: row.tenantId },
                })
              ).id
            : null;
          accepted.push({ row, amount, providerTransferId });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.logger.warn(
            { transferId: row.id, tenantId: row.tenantId, err: message },
            'transfer not accepted yet',
          );
          const changes = {
            attempts: row.attempts + 1,
            lastError: message.slice(0, 1000),
            updatedAt: new Date(),
          };
          await tenantRepository(this.database.db, transfers).update(eq(transfers.id, row.id), changes);
          after.set(row.id, { ...row, ...changes });
        }
      });
    }
    for (const [id, row] of await this.record(accepted)) after.set(id, row);
    const left = rows.map((row) => after.get(row.id));
    return left.every((row) => row !== undefined) ? (left as TransferRow[]) : undefined;
  }

  /**
   * Records the transfers the provider accepted (or that needed nothing), each unless someone else recorded it
   * first, in one transaction: the ledger's entries with one insert, the sellers' balance rows with one statement
   * in tenant id order (ADR 0055), the events with one insert. A transfer the provider accepted but that is not
   * recorded (a failed transaction) stays pending, and the sweeper's attempt with the same idempotency key records
   * it. The rows as recorded, by id.
   */
  private async record(accepted: AcceptedTransfer[]): Promise<Map<string, TransferRow>> {
    if (accepted.length === 0) return new Map();
    const ordered = [...accepted].sort(
      (a, b) => compare(a.row.tenantId, b.row.tenantId) || compare(a.row.id, b.row.id),
    );
    return retryOnLockConflict(() =>
      this.database.db.transaction(async (tx) => {
        const now = new Date();
        const recorded: (AcceptedTransfer & { after: TransferRow })[] = [];
        for (const item of ordered) {
          const { row, providerTransferId } = item;
          const changes = {
            status: (providerTransferId ? 'created' : 'not_required') as TransferStatus,
            providerTransferId,
            attempts: row.attempts + 1,
            lastError: null,
            updatedAt: now,
          };
          const changed = await withinTenant(row.tenantId, () =>
            tenantRepository(tx, transfers).update(
              and(eq(transfers.id, row.id), eq(transfers.status, row.status)) as SQL,
              changes,
            ),
          );
          if (changed > 0) recorded.push({ ...item, after: { ...row, ...changes } });
        }
        const entryOf = ({ row }: AcceptedTransfer) => ({
          buyerOrderId: row.buyerOrderId,
          sellerOrderId: row.sellerOrderId,
          tenantId: row.tenantId,
          currency: row.currency,
        });
        await appendLedger(
          tx,
          recorded.flatMap((item) => [
            ...(item.row.status === 'held'
              ? [{ ...entryOf(item), kind: 'release' as const, amount: item.amount }]
              : []),
            ...(item.providerTransferId
              ? [
                  {
                    ...entryOf(item),
                    kind: 'transfer' as const,
                    amount: item.amount,
                    providerRef: item.providerTransferId,
                  },
                ]
              : []),
          ]),
          now,
        );
        await appendSellerLedgers(
          tx,
          recorded.map(({ row, amount, providerTransferId }) => ({
            order: row,
            entries: [
              ...(row.status === 'held' ? [{ kind: 'release' as const, amount }] : []),
              ...(providerTransferId
                ? [{ kind: 'payout' as const, amount: -amount, providerRef: providerTransferId }]
                : []),
            ],
          })),
          now,
        );
        await enqueueAll(
          tx,
          recorded.flatMap(({ row, amount, providerTransferId }) =>
            providerTransferId
              ? [
                  {
                    event: TransferCreated.create(
                      {
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
                      },
                      { tenantId: row.tenantId },
                    ),
                    key: row.buyerOrderId,
                  },
                ]
              : [],
          ),
        );
        return new Map(recorded.map(({ row, after }) => [row.id, after]));
      }),
    );
  }

  /**
   * Holds the seller's share in the ledger until the seller may receive it; a held row is only touched once. The
   * row as held, or undefined when someone else moved it on first.
   */
  private async hold(row: TransferRow, amount: number, reason: string): Promise<TransferRow | undefined> {
    if (row.status === 'held') return row;
    const held = await this.database.db.transaction(async (tx) => {
      const changes = { status: 'held' as const, lastError: reason, updatedAt: new Date() };
      const changed = await tenantRepository(tx, transfers).update(
        and(eq(transfers.id, row.id), eq(transfers.status, 'pending')) as SQL,
        changes,
      );
      if (changed === 0) return undefined;
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
        changes.updatedAt,
      );
      await appendSellerLedger(tx, row, [{ kind: 'hold', amount }], changes.updatedAt);
      return { ...row, ...changes };
    });
    this.logger.info({ transferId: row.id, tenantId: row.tenantId, reason }, 'transfer held');
    return held;
  }
}

type PayoutDecision = { account: PayoutAccountRow; blocked: null } | { blocked: string };

/** A transfer the provider accepted (`providerTransferId`), or one with nothing to transfer (null). */
interface AcceptedTransfer {
  row: TransferRow;
  amount: number;
  providerTransferId: string | null;
}

/** What a transfer still pays the seller: its amount less what was taken back. */
const payableOf = (row: TransferRow) => row.amount - row.reversedAmount;

/** Whether a seller with this payout account and tenant status may receive money now, and why not (ADR 0016). */
function payoutDecision(
  account: PayoutAccountRow | undefined,
  status: TenantStatus | undefined,
): PayoutDecision {
  if (!account) return { blocked: HOLD_REASONS.NO_PAYOUT_ACCOUNT };
  if (!account.transfersActive) return { blocked: HOLD_REASONS.VERIFICATION_PENDING };
  if (status === 'pending') return { blocked: HOLD_REASONS.NOT_APPROVED };
  if (status === 'suspended') return { blocked: HOLD_REASONS.SUSPENDED };
  if (status === 'rejected') return { blocked: HOLD_REASONS.REJECTED };
  return { account, blocked: null };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
