import { Inject, Injectable } from '@nestjs/common';
import type { MySqlDb as EventsDb } from '@marketplace/events';
import { MySqlDatabase } from '@marketplace/service-kit';
import { inArray, sql } from 'drizzle-orm';
import type { OrdersConfig } from '../config';
import { ORDERS_CONFIG } from '../config.token';
import { tenantCommissions } from './tenant-commission.schema';

/** Commission rates per tenant, from the tenants service's events (tenant_commissions projection). */
@Injectable()
export class CommissionRates {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  /** Basis points per tenant; a tenant not yet projected gets the platform default. */
  async of(tenantIds: string[]): Promise<Map<string, number>> {
    const rows =
      tenantIds.length === 0
        ? []
        : await this.database.db
            .select()
            .from(tenantCommissions)
            .where(inArray(tenantCommissions.tenantId, tenantIds));
    const known = new Map(rows.map((row) => [row.tenantId, row.commissionBps]));
    return new Map(
      tenantIds.map((tenantId) => [tenantId, known.get(tenantId) ?? this.config.DEFAULT_COMMISSION_BPS]),
    );
  }
}

/** Applies a tenant's rate unless a later one is already recorded (events of one tenant may be replayed). */
export async function recordCommission(
  tx: EventsDb,
  tenantId: string,
  commissionBps: number,
  changedAt: Date,
): Promise<void> {
  await tx
    .insert(tenantCommissions)
    .values({ tenantId, commissionBps, changedAt })
    .onDuplicateKeyUpdate({
      set: {
        commissionBps: sql`if(values(changed_at) >= changed_at, values(commission_bps), commission_bps)`,
        changedAt: sql`greatest(changed_at, values(changed_at))`,
      },
    });
}
