import type { MySqlDb } from '@marketplace/tenancy';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { ulid } from 'ulid';
import { recordRegistered } from './tenant.events';
import { statusHistoryRecords, tenantRecords } from './tenant.repository';
import type { TenantRow } from './tenant.schema';

/** What a new tenant is registered with; the rest of its row starts empty. */
export type NewTenant = Pick<
  TenantRow,
  | 'tenantId'
  | 'name'
  | 'alias'
  | 'status'
  | 'commissionBps'
  | 'defaultCurrency'
  | 'contactEmail'
  | 'ownerUserId'
  | 'statusChangedBy'
>;

/** A new tenant's row: its status, creation and last change all `now`, no profile, no reasons. */
export function newTenantRow(tenant: NewTenant, now = new Date()): TenantRow {
  return {
    ...tenant,
    statusChangedAt: now,
    suspensionReason: null,
    rejectionReason: null,
    description: null,
    returnPolicy: null,
    logoMediaId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Writes a new tenant, its first status-history entry and `tenant.registered` in one transaction. Runs in the
 * new tenant's scope (see `withinTenant`): sign-up creates it pending, the seed creates it active.
 */
export async function insertTenant(db: MySql2Database, row: TenantRow): Promise<void> {
  await db.transaction(async (tx: MySqlDb) => {
    await tenantRecords(tx).insert(row);
    await statusHistoryRecords(tx).insert({
      id: ulid(),
      fromStatus: null,
      toStatus: row.status,
      changedBy: row.statusChangedBy,
      reason: null,
      changedAt: row.statusChangedAt,
    });
    await recordRegistered(tx, row);
  });
}
