import { Inject, Injectable } from '@nestjs/common';
import { TransferCreated } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import { LOGGER, type Logger, ConflictError, ValidationError } from '@marketplace/observability';
import { crossTenantRepository, tenantRepository, withinTenant } from '@marketplace/tenancy';
import { MySqlDatabase, OutboxRelayService } from '@marketplace/service-kit';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { ulid } from 'ulid';
import { appendLedger } from '../ledger/ledger.repository';
import type { PaymentProvider } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { payoutAccounts } from '../payouts/payout-account.schema';
import { commissionOf } from './commission';
import { payments } from './payment.schema';
import { type TransferRow, transfers } from './transfer.schema';

export interface SellerOrderShare {
  sellerOrderId: string;
  tenantId: string;
  subtotal: number;
  commissionBps: number;
}

/**
 * Pays each seller its share of a succeeded payment: one transfer per seller order in the buyer order's transfer
 * group, commission kept by the platform. Runs in the cross-tenant scope (internal caller or sweeper).
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly database: MySqlDatabase,
    private readonly relay: OutboxRelayService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent per seller order; returns every transfer of the buyer order. */
  async settle(buyerOrderId: string, sellerOrders: SellerOrderShare[]): Promise<TransferRow[]> {
    const db = this.database.db;
    const allTransfers = crossTenantRepository(db, transfers);
    await db.transaction(async (tx) => {
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
      const fresh = sellerOrders.filter((order) => {
        const row = known.get(order.sellerOrderId);
        if (row && (row.tenantId !== order.tenantId || row.subtotal !== order.subtotal)) {
          throw new ConflictError(`Seller order ${order.sellerOrderId} was already settled with other terms`);
        }
        return !row;
      });
      const settled = [...existing, ...fresh].reduce((sum, order) => sum + order.subtotal, 0);
      if (settled > payment.amount) {
        throw new ValidationError(
          `Seller subtotals (${settled}) exceed the payment of buyer order ${buyerOrderId} (${payment.amount})`,
        );
      }
      const now = new Date();
      for (const order of fresh) {
        const commission = commissionOf(order.subtotal, order.commissionBps);
        await withinTenant(order.tenantId, () =>
          tenantRepository(tx, transfers).insert({
            id: ulid(),
            paymentId: payment.id,
            buyerOrderId,
            sellerOrderId: order.sellerOrderId,
            subtotal: order.subtotal,
            commissionBps: order.commissionBps,
            commission,
            amount: order.subtotal - commission,
            currency: payment.currency,
            status: 'pending',
            createdAt: now,
            updatedAt: now,
          }),
        );
        await appendLedger(
          tx,
          [
            {
              buyerOrderId,
              sellerOrderId: order.sellerOrderId,
              tenantId: order.tenantId,
              kind: 'commission',
              amount: commission,
              currency: payment.currency,
            },
          ],
          now,
        );
      }
    });
    const pending = await allTransfers.findMany(
      and(eq(transfers.buyerOrderId, buyerOrderId), eq(transfers.status, 'pending')),
    );
    for (const row of pending) await this.attempt(row);
    return allTransfers.findMany(eq(transfers.buyerOrderId, buyerOrderId), { orderBy: [asc(transfers.id)] });
  }

  /** Retries transfers the provider has not accepted yet (no payout account then, or a refused call). */
  async retryPending(limit = 50): Promise<number> {
    const pending = await crossTenantRepository(this.database.db, transfers).findMany(
      eq(transfers.status, 'pending'),
      {
        orderBy: [asc(transfers.updatedAt)],
        limit,
      },
    );
    for (const row of pending) await this.attempt(row);
    return pending.length;
  }

  /** One attempt; a failure is recorded on the row for the sweeper instead of failing the settlement. */
  private async attempt(row: TransferRow): Promise<void> {
    await withinTenant(row.tenantId, async () => {
      const db = this.database.db;
      const account = await tenantRepository(db, payoutAccounts).findOne(
        eq(payoutAccounts.tenantId, row.tenantId),
      );
      let providerTransferId: string;
      try {
        if (!account) throw new Error('The seller has no payout account yet');
        ({ id: providerTransferId } = await this.provider.createTransfer({
          amount: row.amount,
          currency: row.currency,
          destinationAccount: account.providerAccountId,
          transferGroup: row.buyerOrderId,
          idempotencyKey: `transfer-${row.id}`,
          metadata: { sellerOrderId: row.sellerOrderId, tenantId: row.tenantId },
        }));
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
      await db.transaction(async (tx) => {
        const now = new Date();
        const changed = await tenantRepository(tx, transfers).update(
          and(eq(transfers.id, row.id), eq(transfers.status, 'pending')) as SQL,
          {
            status: 'created',
            providerTransferId,
            attempts: row.attempts + 1,
            lastError: null,
            updatedAt: now,
          },
        );
        if (changed === 0) return;
        await appendLedger(
          tx,
          [
            {
              buyerOrderId: row.buyerOrderId,
              sellerOrderId: row.sellerOrderId,
              tenantId: row.tenantId,
              kind: 'transfer',
              amount: row.amount,
              currency: row.currency,
              providerRef: providerTransferId,
            },
          ],
          now,
        );
        await enqueue(
          tx,
          TransferCreated.create({
            transferId: row.id,
            buyerOrderId: row.buyerOrderId,
            sellerOrderId: row.sellerOrderId,
            tenantId: row.tenantId,
            subtotal: row.subtotal,
            commission: row.commission,
            amount: row.amount,
            currency: row.currency,
            providerTransferId,
            createdAt: now.toISOString(),
          }),
          { key: row.buyerOrderId },
        );
      });
      this.relay.notify();
    });
  }
}
