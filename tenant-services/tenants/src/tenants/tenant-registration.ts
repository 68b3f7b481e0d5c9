import type { MySqlDb } from '@marketplace/tenancy';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { ulid } from 'ulid';
import { recordRegistered } from './tenant.events';
import { statusHistoryRecords, tenantRecords } from './tenant.repository';
import type { TenantRow } from './tenant.schema';

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
