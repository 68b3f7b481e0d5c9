import { recordAudit, recordAuditedRead } from '@marketplace/audit';
import { Roles } from '@marketplace/auth';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { MySqlDb } from '@marketplace/tenancy';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { toDispute } from '../disputes/disputes.resolver';
import { toSellerLedgerEntry } from '../ledger/seller-ledger.model';
import { PayoutIssuesRepository } from '../payout-issues/payout-issues.repository';
import {
  OrderPayment,
  paymentFields,
  SellerLedgerOverview,
  SellerPayoutAccount,
  toOrderRefund,
  toOrderTransfer,
  toSellerPayoutAccount,
} from './back-office.model';
import { BackOfficeRepository } from './back-office.repository';

const buyerOrderIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a buyer order id');
const sellerIdSchema = z.uuid('must be a seller (tenant) id');
const latestSchema = z.number().int().min(1).max(100);
/** One page of the applications queue at the most. */
const sellerIdsSchema = z.array(sellerIdSchema).min(1).max(100);

/**
 * Platform admins: the money of one checkout (the order page) and one seller's ledger (the seller page). Both are
 * cross-tenant reads, each recorded in the audit trail (ADR 0020, 0037).
 */
@Roles('platform-admin')
@Resolver()
export class BackOfficeResolver {
  constructor(
    private readonly backOffice: BackOfficeRepository,
    private readonly issues: PayoutIssuesRepository,
    private readonly database: MySqlDatabase,
  ) {}

  @Query(() => OrderPayment, {
    nullable: true,
    description:
      "Platform admin: a buyer order's payment with every seller's transfer, refunds and disputes; null before payment.",
  })
  async orderPayment(
    @Args('buyerOrderId', { type: () => ID }) buyerOrderId: string,
  ): Promise<OrderPayment | null> {
    const id = buyerOrderIdSchema.parse(buyerOrderId);
    const money = await this.backOffice.orderMoney(id);
    await this.audit({
      action: 'payment.read',
      tenantId: null,
      targetType: 'buyer-order',
      targetId: id,
      after: { found: money !== null, sellers: money?.transfers.map((transfer) => transfer.tenantId) ?? [] },
    });
    if (!money) return null;
    return {
      ...paymentFields(money.payment, money.refunds),
      transfers: money.transfers.map(toOrderTransfer),
      refunds: money.refunds.map(toOrderRefund),
      disputes: money.disputes.map((row) => toDispute(row, money.allocations)),
    };
  }

  @Query(() => SellerLedgerOverview, {
    description: "Platform admin: a seller's balances, held shares and latest ledger entries (audited read).",
  })
  async sellerLedgerOverview(
    @Args('sellerId', { type: () => ID }) sellerId: string,
    @Args('latest', { type: () => Int, defaultValue: 10 }) latest: number,
  ): Promise<SellerLedgerOverview> {
    const tenantId = sellerIdSchema.parse(sellerId);
    const [ledger, held] = await Promise.all([
      this.backOffice.sellerLedger(tenantId, latestSchema.parse(latest)),
      this.issues.heldTotals(tenantId),
    ]);
    await this.audit({
      action: 'ledger.read',
      tenantId,
      targetType: 'tenant',
      targetId: tenantId,
      after: { entries: ledger.entries.length },
    });
    return { balances: ledger.balances, held, entries: ledger.entries.map(toSellerLedgerEntry) };
  }

  @Query(() => [SellerPayoutAccount], {
    description:
      'Platform admin: the payout account (KYC) state of each given seller, in the given order; a seller without ' +
      'an account answers NO_ACCOUNT. One audited read per seller.',
  })
  async sellerPayoutAccounts(
    @Args('sellerIds', { type: () => [ID] }) sellerIds: string[],
  ): Promise<SellerPayoutAccount[]> {
    const ids = [...new Set(sellerIdsSchema.parse(sellerIds))];
    const rows = new Map((await this.backOffice.payoutAccounts(ids)).map((row) => [row.tenantId, row]));
    const accounts = ids.map((id) => toSellerPayoutAccount(id, rows.get(id)));
    await this.database.db.transaction(async (tx: MySqlDb) => {
      for (const account of accounts)
        await recordAudit(tx, {
          service: 'payments',
          action: 'payout-account.read',
          tenantId: account.sellerId,
          targetType: 'tenant',
          targetId: account.sellerId,
          after: { state: account.state },
          read: true,
        });
    });
    return accounts;
  }

  private async audit(entry: {
    action: string;
    tenantId: string | null;
    targetType: string;
    targetId: string;
    after: Record<string, unknown>;
  }): Promise<void> {
    await recordAuditedRead(this.database.db, { service: 'payments', ...entry });
  }
}
