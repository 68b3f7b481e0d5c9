import { tenantIdColumn } from '@marketplace/tenancy';
import { boolean, json, mysqlTable } from 'drizzle-orm/mysql-core';
import { providerRef, timestamp } from '../database/columns';

/** The tenant's connected (Express) account that receives its transfers; one per tenant. */
export const payoutAccounts = mysqlTable('payout_accounts', {
  tenantId: tenantIdColumn().primaryKey(),
  providerAccountId: providerRef('provider_account_id').notNull().unique('uq_payout_accounts_provider'),
  chargesEnabled: boolean('charges_enabled').notNull(),
  payoutsEnabled: boolean('payouts_enabled').notNull(),
  detailsSubmitted: boolean('details_submitted').notNull(),
  /** The account's `transfers` capability is active: only then may it receive the seller's share (ADR 0016). */
  transfersActive: boolean('transfers_active').notNull().default(false),
  /** Requirement names the provider still needs (KYC), as its last account update said; shown to admins. */
  requirementsDue: json('requirements_due').$type<string[]>().notNull().default([]),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export type PayoutAccountRow = typeof payoutAccounts.$inferSelect;
