import { CheckAbility } from '@marketplace/auth';
import { MySqlDatabase } from '@marketplace/service-kit';
import { requireTenantId, tenantRepository } from '@marketplace/tenancy';
import { Query, Resolver } from '@nestjs/graphql';
import { eq } from 'drizzle-orm';
import { disputeAllocations } from '../disputes/dispute.schema';
import { sellerBalancesOf } from '../ledger/seller-ledger.repository';
import { PayoutIssuesRepository } from './payout-issues.repository';
import { PayoutBalance, toPayoutBalances } from './seller-balance.model';

/**
 * Seller owners: their own balance and held funds with the reasons — the admins' held-funds totals and ledger
 * balances, read within the caller's tenant (staff are refused like every payout read).
 */
@Resolver()
export class SellerBalanceResolver {
  constructor(
    private readonly issues: PayoutIssuesRepository,
    private readonly database: MySqlDatabase,
  ) {}

  @CheckAbility('read', 'Payout')
  @Query(() => [PayoutBalance], {
    description:
      "The tenant's balance per currency: owed, held (and why), available, and disputed; empty before the first sale.",
  })
  async payoutBalances(): Promise<PayoutBalance[]> {
    // A caller without a tenant (a platform admin) is refused (403) before the reads start: each read below would
    // fail on its own, and one failing while building the list leaves the others' failures unhandled (a crash).
    requireTenantId();
    const db = this.database.db;
    const [balances, held, open] = await Promise.all([
      sellerBalancesOf(db),
      this.issues.ownHeldTotals(),
      tenantRepository(db, disputeAllocations).findMany(eq(disputeAllocations.status, 'held')),
    ]);
    const disputed = new Map<string, { currency: string; amount: number; count: number }>();
    for (const row of open) {
      const entry = disputed.get(row.currency) ?? { currency: row.currency, amount: 0, count: 0 };
      disputed.set(row.currency, { ...entry, amount: entry.amount + row.amount, count: entry.count + 1 });
    }
    return toPayoutBalances(balances, held, [...disputed.values()]);
  }
}
