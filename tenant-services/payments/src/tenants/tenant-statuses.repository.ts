import { Injectable } from '@nestjs/common';
import type { TenantStatus } from '@marketplace/contracts';
import type { MySqlDb as EventsDb } from '@marketplace/events';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { MySqlDb } from '@marketplace/tenancy';
import { eq, inArray, ne, sql } from 'drizzle-orm';
import { tenantStatuses } from './tenant-status.schema';

/** The tenant statuses payments knows from tenant events. */
@Injectable()
export class TenantStatuses {
  constructor(private readonly database: MySqlDatabase) {}

  /** A tenant no event told us about was provisioned active. */
  async of(tenantId: string): Promise<TenantStatus> {
    const [row] = await this.database.db
      .select({ status: tenantStatuses.status })
      .from(tenantStatuses)
      .where(eq(tenantStatuses.tenantId, tenantId));
    return row?.status ?? 'active';
  }

  /** The statuses of several tenants with one read, as `of` answers each. */
  async ofAll(tenantIds: readonly string[]): Promise<Map<string, TenantStatus>> {
    const statuses = new Map(tenantIds.map((tenantId) => [tenantId, 'active' as TenantStatus]));
    if (tenantIds.length === 0) return statuses;
    const rows = await this.database.db
      .select({ tenantId: tenantStatuses.tenantId, status: tenantStatuses.status })
      .from(tenantStatuses)
      .where(inArray(tenantStatuses.tenantId, [...tenantIds]));
    for (const row of rows) statuses.set(row.tenantId, row.status);
    return statuses;
  }
}

/** Applies a status unless a later one is already recorded (a tenant's events may be replayed or reordered). */
export async function recordTenantStatus(
  tx: EventsDb,
  tenantId: string,
  status: TenantStatus,
  changedAt: Date,
): Promise<void> {
  await tx
    .insert(tenantStatuses)
    .values({ tenantId, status, changedAt })
    .onDuplicateKeyUpdate({
      set: {
        status: sql`if(values(changed_at) >= changed_at, values(status), status)`,
        changedAt: sql`greatest(changed_at, values(changed_at))`,
      },
    });
}

/** Tenants an event said are not active (suspended, closed), as a subquery for settlement's sweep. */
export function tenantsNotActive(db: MySqlDb) {
  return db
    .select({ tenantId: tenantStatuses.tenantId })
    .from(tenantStatuses)
    .where(ne(tenantStatuses.status, 'active'));
}
