import { Inject, Injectable } from '@nestjs/common';
import type { MySqlDb as EventsDb } from '@marketplace/events';
import { NotFoundError } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { MySqlDb } from '@marketplace/tenancy';
import { asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { OrdersConfig } from '../config';
import { ORDERS_CONFIG } from '../config.token';
import { type CommissionRuleRow, commissionRules, scopeOf } from './commission-rule.schema';
import { type CommissionLine, type LineCommission, lineCommission, type SellerRate } from './line-commission';
import { tenantCommissions } from './tenant-commission.schema';

export interface CommissionRuleInput {
  tenantId: string | null;
  categoryId: string | null;
  rateBps: number;
  minPerLine: number | null;
  minCurrency: string | null;
}

/**
 * Commission at checkout (ADR 0019): the admins' rules (global, per category, per seller and category) and the
 * sellers' own rates from the tenants service's events (tenant_commissions projection).
 */
@Injectable()
export class CommissionRates {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  /** Each line's rate and commission, in the order of `lines`; frozen on the order lines by the caller. */
  async forLines(lines: readonly CommissionLine[]): Promise<LineCommission[]> {
    const tenantIds = [...new Set(lines.map((line) => line.tenantId))];
    const [rules, rates] = await Promise.all([
      this.database.db
        .select()
        .from(commissionRules)
        .where(or(isNull(commissionRules.tenantId), inArray(commissionRules.tenantId, tenantIds))),
      this.database.db.select().from(tenantCommissions).where(inArray(tenantCommissions.tenantId, tenantIds)),
    ]);
    const sellers = new Map<string, SellerRate>(
      rates.map((row) => [row.tenantId, { bps: row.commissionBps, explicit: row.explicit }]),
    );
    return lines.map((line) =>
      lineCommission(line, rules, sellers.get(line.tenantId), this.config.DEFAULT_COMMISSION_BPS),
    );
  }

  rules(): Promise<CommissionRuleRow[]> {
    return this.database.db.select().from(commissionRules).orderBy(asc(commissionRules.scope));
  }

  /**
   * Creates or replaces the rule of a scope (in `db`, the caller's transaction when given): the rule before (none
   * when new) and after. Orders already placed keep the rates frozen on their lines.
   */
  async setRule(
    input: CommissionRuleInput,
    adminId: string,
    db: MySqlDb = this.database.db,
  ): Promise<{ before: CommissionRuleRow | undefined; after: CommissionRuleRow }> {
    const scope = scopeOf(input.tenantId, input.categoryId);
    const now = new Date();
    const [before] = await db
      .select()
      .from(commissionRules)
      .where(eq(commissionRules.scope, scope))
      .for('update');
    await db
      .insert(commissionRules)
      .values({ id: ulid(), scope, ...input, updatedBy: adminId, updatedAt: now })
      .onDuplicateKeyUpdate({
        set: {
          rateBps: input.rateBps,
          minPerLine: input.minPerLine,
          minCurrency: input.minCurrency,
          updatedBy: adminId,
          updatedAt: now,
        },
      });
    const [after] = await db.select().from(commissionRules).where(eq(commissionRules.scope, scope));
    return { before, after: after! };
  }

  /** Removes a rule (in `db`, the caller's transaction when given); the rule as it was. */
  async removeRule(id: string, db: MySqlDb = this.database.db): Promise<CommissionRuleRow> {
    const [row] = await db.select().from(commissionRules).where(eq(commissionRules.id, id)).for('update');
    if (!row) throw new NotFoundError(`No commission rule ${id}`);
    await db.delete(commissionRules).where(eq(commissionRules.id, id));
    return row;
  }
}

/**
 * Applies a tenant's rate unless a later one is already recorded (events of one tenant may be replayed).
 * `explicit`: an admin set it for this seller (not the default given at registration).
 */
export async function recordCommission(
  tx: EventsDb,
  tenantId: string,
  commissionBps: number,
  changedAt: Date,
  explicit: boolean,
): Promise<void> {
  await tx
    .insert(tenantCommissions)
    .values({ tenantId, commissionBps, changedAt, explicit })
    .onDuplicateKeyUpdate({
      set: {
        commissionBps: sql`if(values(changed_at) >= changed_at, values(commission_bps), commission_bps)`,
        explicit: sql`if(values(changed_at) >= changed_at, values(explicit), explicit)`,
        changedAt: sql`greatest(changed_at, values(changed_at))`,
      },
    });
}
