import { requireTenantId, tenantRepository, type MySqlDb, type RowChanges } from '@marketplace/tenancy';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { tenants, tenantStatusHistory, type TenantRow, type TenantStatusChangeRow } from './tenant.schema';

/** The tenant row of the current request context (and nobody else's). */
export function tenantRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, tenants);
  return {
    ...scoped,
    own(): Promise<TenantRow | undefined> {
      return scoped.findOne(eq(tenants.tenantId, requireTenantId()));
    },
    updateOwn(changes: RowChanges<typeof tenants>, onlyIf?: SQL): Promise<number> {
      return scoped.update(and(eq(tenants.tenantId, requireTenantId()), onlyIf) as SQL, changes);
    },
  };
}

export function statusHistoryRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, tenantStatusHistory);
  return {
    ...scoped,
    list(): Promise<TenantStatusChangeRow[]> {
      return scoped.findMany(undefined, {
        orderBy: [asc(tenantStatusHistory.changedAt), asc(tenantStatusHistory.id)],
      });
    },
  };
}
