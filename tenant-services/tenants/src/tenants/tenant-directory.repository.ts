import { Injectable } from '@nestjs/common';
import { MySqlDatabase } from '@marketplace/service-kit';
import { eq, gte, sql } from 'drizzle-orm';
import type { TenantStatusAnswer } from '@marketplace/contracts';
import type { Tenant } from './tenant.model';
import { tenants } from './tenant.schema';

export interface TenantRegistration {
  tenantId: string;
  alias: string;
  ownerUserId: string;
}

/**
 * The platform-wide registry questions no single tenant scope can answer: a seller's public profile (name,
 * alias, status — shown to every buyer), during sign-up whether an alias or an owner is already taken, and the
 * admin overview's seller counts. It reads only those columns (and the sign-up date); everything else about a
 * tenant goes through the tenant-scoped repositories.
 */
@Injectable()
export class TenantDirectory {
  constructor(private readonly database: MySqlDatabase) {}

  async publicProfile(tenantId: string): Promise<Tenant | undefined> {
    const [row] = await this.database.db
      .select({
        id: tenants.tenantId,
        name: tenants.name,
        alias: tenants.alias,
        status: tenants.status,
        description: tenants.description,
        returnPolicy: tenants.returnPolicy,
        logoMediaId: tenants.logoMediaId,
      })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId))
      .limit(1);
    return row;
  }

  /** The tenant's status with the reason the seller sees and when it changed (every service's AuthGuard asks). */
  async statusFact(tenantId: string): Promise<TenantStatusAnswer> {
    const [row] = await this.database.db
      .select({
        status: tenants.status,
        suspensionReason: tenants.suspensionReason,
        rejectionReason: tenants.rejectionReason,
        changedAt: tenants.statusChangedAt,
      })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId))
      .limit(1);
    if (!row) return { tenantId, status: null, reason: null, changedAt: null };
    const reason =
      row.status === 'suspended'
        ? row.suspensionReason
        : row.status === 'rejected'
          ? row.rejectionReason
          : null;
    return { tenantId, status: row.status, reason, changedAt: row.changedAt.toISOString() };
  }

  async registrationByAlias(alias: string): Promise<TenantRegistration | undefined> {
    return this.registrationWhere(eq(tenants.alias, alias));
  }

  async registrationByOwner(ownerUserId: string): Promise<TenantRegistration | undefined> {
    return this.registrationWhere(eq(tenants.ownerUserId, ownerUserId));
  }

  /** Every tenant with its owner, in sign-up order (the organization-role backfill walks them all). */
  async registrations(): Promise<TenantRegistration[]> {
    return this.database.db
      .select({ tenantId: tenants.tenantId, alias: tenants.alias, ownerUserId: tenants.ownerUserId })
      .from(tenants)
      .orderBy(tenants.createdAt);
  }

  /** How many sellers are in each status. */
  async countsByStatus(): Promise<{ status: string; count: number }[]> {
    const rows = await this.database.db
      .select({ status: tenants.status, count: sql<number>`COUNT(*)` })
      .from(tenants)
      .groupBy(tenants.status);
    return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
  }

  /** Sign-ups per UTC day (`YYYY-MM-DD`) since `since`; days without any are absent. */
  async signupsPerDaySince(since: Date): Promise<{ day: string; count: number }[]> {
    const day = sql<string>`DATE_FORMAT(${tenants.createdAt}, '%Y-%m-%d')`;
    const rows = await this.database.db
      .select({ day, count: sql<number>`COUNT(*)` })
      .from(tenants)
      .where(gte(tenants.createdAt, since))
      .groupBy(day);
    return rows.map((row) => ({ day: row.day, count: Number(row.count) }));
  }

  private async registrationWhere(where: ReturnType<typeof eq>): Promise<TenantRegistration | undefined> {
    const [row] = await this.database.db
      .select({ tenantId: tenants.tenantId, alias: tenants.alias, ownerUserId: tenants.ownerUserId })
      .from(tenants)
      .where(where)
      .limit(1);
    return row;
  }
}
