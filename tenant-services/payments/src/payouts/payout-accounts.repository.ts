import type { MySqlDb } from '@marketplace/tenancy';
import { eq } from 'drizzle-orm';
import { payoutAccounts } from './payout-account.schema';

/** Tenants whose payout account can receive transfers, every tenant's (a subquery for settlement's sweep). */
export function tenantsReceivingTransfers(db: MySqlDb) {
  return db
    .select({ tenantId: payoutAccounts.tenantId })
    .from(payoutAccounts)
    .where(eq(payoutAccounts.transfersActive, true));
}
