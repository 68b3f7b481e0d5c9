import { Injectable } from '@nestjs/common';
import { MySqlDatabase } from '@marketplace/service-kit';
import { acrossTenants, crossTenantRepository, tenantRepository, withinTenant } from '@marketplace/tenancy';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import {
  type DisputeAllocationRow,
  disputeAllocations,
  type DisputeRow,
  disputes,
} from '../disputes/dispute.schema';
import { sellerBalancesOf } from '../ledger/seller-ledger.repository';
import { type SellerLedgerEntryRow, sellerLedgerEntries } from '../ledger/seller-ledger.schema';
import { type PaymentRow, payments, type RefundRow, refunds } from '../payments/payment.schema';
import { type TransferRow, transfers } from '../payments/transfer.schema';
import { type PayoutAccountRow, payoutAccounts } from '../payouts/payout-account.schema';

export interface OrderMoney {
  payment: PaymentRow;
  transfers: TransferRow[];
  refunds: RefundRow[];
  disputes: DisputeRow[];
  allocations: DisputeAllocationRow[];
}

/** Platform admins' reads of one checkout's money and one seller's ledger (named scopes; the caller audits). */
@Injectable()
export class BackOfficeRepository {
  constructor(private readonly database: MySqlDatabase) {}

  /** The payment of a buyer order with every seller's transfer, its refunds and disputes; null without payment. */
  async orderMoney(buyerOrderId: string): Promise<OrderMoney | null> {
    const db = this.database.db;
    const [payment] = await db
      .select()
      .from(payments)
      .where(eq(payments.buyerOrderId, buyerOrderId))
      .limit(1);
    if (!payment) return null;
    const [transferRows, refundRows, disputeRows] = await Promise.all([
      acrossTenants('payments.admin-order-transfers', () =>
        crossTenantRepository(db, transfers).findMany(eq(transfers.buyerOrderId, buyerOrderId), {
          orderBy: [asc(transfers.createdAt), asc(transfers.id)],
        }),
      ),
      db.select().from(refunds).where(eq(refunds.paymentId, payment.id)).orderBy(asc(refunds.createdAt)),
      db.select().from(disputes).where(eq(disputes.paymentId, payment.id)).orderBy(asc(disputes.createdAt)),
    ]);
    const allocations = await acrossTenants('payments.admin-order-disputes', () =>
      crossTenantRepository(db, disputeAllocations).findMany(
        eq(disputeAllocations.buyerOrderId, buyerOrderId),
      ),
    );
    return { payment, transfers: transferRows, refunds: refundRows, disputes: disputeRows, allocations };
  }

  /** One seller's balances per currency and its latest ledger entries, newest first. */
  sellerLedger(
    tenantId: string,
    latest: number,
  ): Promise<{ balances: { currency: string; balance: number }[]; entries: SellerLedgerEntryRow[] }> {
    return withinTenant(tenantId, async () => {
      const db = this.database.db;
      const [balances, entries] = await Promise.all([
        sellerBalancesOf(db),
        tenantRepository(db, sellerLedgerEntries).findMany(undefined, {
          orderBy: [desc(sellerLedgerEntries.createdAt), desc(sellerLedgerEntries.id)],
          limit: latest,
        }),
      ]);
      return { balances, entries };
    });
  }

  /** The payout accounts of the given sellers (one query for a page of the applications queue). */
  payoutAccounts(tenantIds: string[]): Promise<PayoutAccountRow[]> {
    return acrossTenants('payments.admin-payout-accounts', () =>
      crossTenantRepository(this.database.db, payoutAccounts).findMany(
        inArray(payoutAccounts.tenantId, tenantIds),
      ),
    );
  }
}
