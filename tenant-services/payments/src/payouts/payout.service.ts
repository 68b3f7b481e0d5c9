import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '@marketplace/observability';
import { PayoutFailed, PayoutPaid } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import {
  crossTenantRepository,
  type MySqlDb,
  requireTenantId,
  tenantRepository,
  withinTenant,
} from '@marketplace/tenancy';
import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import { type CreatedAtPosition, isMySqlDuplicateKey, MySqlDatabase } from '@marketplace/service-kit';
import { ForbiddenError } from '@marketplace/auth';
import { PAYMENTS_CONFIG } from '../config.token';
import { TenantStatuses } from '../tenants/tenant-statuses.repository';
import type { PaymentsConfig } from '../config';
import { type TransferRow, transfers } from '../payments/transfer.schema';
import type { PaymentProvider, ProviderAccount } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { type PayoutAccountRow, payoutAccounts } from './payout-account.schema';

/** A payout of a connected account to its bank as the provider reports it settled. */
export interface SettledPayout {
  id: string;
  status: 'paid' | 'failed';
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** YYYY-MM-DD (UTC). */
  arrivalDate: string;
  failureCode: string | null;
  failureMessage: string | null;
}

/** The tenant's payout account and transfers; every read and write is scoped to the caller's tenant. */
@Injectable()
export class PayoutService {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly tenantStatuses: TenantStatuses,
  ) {}

  /** Creates the tenant's Express account once (reused afterwards) and a fresh onboarding link. */
  async startOnboarding(
    links: { returnUrl: string; refreshUrl: string },
    email: string | undefined,
  ): Promise<{ account: PayoutAccountRow; url: string }> {
    if ((await this.tenantStatuses.of(requireTenantId())) === 'pending') {
      throw new ForbiddenError('Payouts can be set up once the platform has approved your seller account');
    }
    const account = (await this.account()) ?? (await this.createAccount(email));
    const { url } = await this.provider.createOnboardingLink({
      accountId: account.providerAccountId,
      ...links,
    });
    return { account, url };
  }

  account(): Promise<PayoutAccountRow | undefined> {
    return tenantRepository(this.database.db, payoutAccounts).findOne(
      eq(payoutAccounts.tenantId, requireTenantId()),
    );
  }

  /**
   * From a verified `payout.paid` / `payout.failed` webhook of a connected account (called across tenants): the
   * seller's `payout.paid` or `payout.failed` event. False when the account is none of ours.
   */
  async payoutSettled(tx: MySqlDb, providerAccountId: string, payout: SettledPayout): Promise<boolean> {
    const [account] = await crossTenantRepository(tx, payoutAccounts).findMany(
      eq(payoutAccounts.providerAccountId, providerAccountId),
    );
    if (!account) return false;
    const fields = {
      payoutId: payout.id,
      tenantId: account.tenantId,
      amount: payout.amount,
      currency: payout.currency,
      arrivalDate: payout.arrivalDate,
    };
    const at = new Date().toISOString();
    const event =
      payout.status === 'paid'
        ? PayoutPaid.create({ ...fields, paidAt: at }, { tenantId: account.tenantId })
        : PayoutFailed.create(
            {
              ...fields,
              failureCode: payout.failureCode,
              failureMessage: payout.failureMessage,
              failedAt: at,
            },
            { tenantId: account.tenantId },
          );
    await enqueue(tx, event, { key: payout.id });
    return true;
  }

  /** From a verified `account.updated` webhook; the tenant is the one our account creation put in its metadata. */
  async applyAccountUpdate(tx: MySqlDb, tenantId: string, account: ProviderAccount): Promise<number> {
    return withinTenant(tenantId, () =>
      tenantRepository(tx, payoutAccounts).update(eq(payoutAccounts.providerAccountId, account.id), {
        chargesEnabled: account.chargesEnabled,
        payoutsEnabled: account.payoutsEnabled,
        detailsSubmitted: account.detailsSubmitted,
        transfersActive: account.transfersActive,
        requirementsDue: account.requirementsDue,
        updatedAt: new Date(),
      }),
    );
  }

  /** One page of the tenant's transfers, oldest first. */
  async transfers(first: number, after: CreatedAtPosition | undefined): Promise<TransferRow[]> {
    const position: SQL | undefined = after
      ? or(
          gt(transfers.createdAt, after.createdAt),
          and(eq(transfers.createdAt, after.createdAt), gt(transfers.id, after.id)),
        )
      : undefined;
    return tenantRepository(this.database.db, transfers).findMany(position, {
      orderBy: [asc(transfers.createdAt), asc(transfers.id)],
      limit: first,
    });
  }

  private async createAccount(email: string | undefined): Promise<PayoutAccountRow> {
    const tenantId = requireTenantId();
    const created = await this.provider.createExpressAccount({
      tenantId,
      country: this.config.PAYOUT_ACCOUNT_COUNTRY,
      ...(email ? { email } : {}),
    });
    const now = new Date();
    try {
      await tenantRepository(this.database.db, payoutAccounts).insert({
        providerAccountId: created.id,
        chargesEnabled: created.chargesEnabled,
        payoutsEnabled: created.payoutsEnabled,
        detailsSubmitted: created.detailsSubmitted,
        transfersActive: created.transfersActive,
        requirementsDue: created.requirementsDue,
        createdAt: now,
        updatedAt: now,
      });
      this.logger.info({ tenantId, accountId: created.id }, 'payout account created');
    } catch (error) {
      // A concurrent onboarding of the same tenant won; its account is the tenant's.
      if (!isMySqlDuplicateKey(error)) throw error;
    }
    const account = await this.account();
    if (!account) throw new Error('The payout account vanished after it was created');
    return account;
  }
}
