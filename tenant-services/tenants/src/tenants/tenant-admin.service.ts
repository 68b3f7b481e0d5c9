import { Injectable } from '@nestjs/common';
import type { TenantStatus } from '@marketplace/contracts';
import { optionalReason, recordAudit, requiredReason } from '@marketplace/audit';
import { InjectLogger, type Logger, ConflictError, NotFoundError } from '@marketplace/observability';
import {
  acrossTenants,
  crossTenantRepository,
  currentContext,
  type MySqlDb,
  withinTenant,
} from '@marketplace/tenancy';
import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import { ulid } from 'ulid';
import { type Connection, createdAtCursor, MySqlDatabase, pageOf } from '@marketplace/service-kit';
import {
  commissionSchema,
  reasonedChangeSchema,
  tenantId as tenantIdSchema,
  tenantsPageSchema,
} from './tenant.inputs';
import { recordCommissionChange, recordStatusChange } from './tenant.events';
import { statusHistoryRecords, tenantRecords } from './tenant.repository';
import { tenants, type TenantRow } from './tenant.schema';

interface Transition {
  from: TenantStatus;
  to: TenantStatus;
  reason: string | null;
}

/** The audit action of each transition an admin makes. */
function actionOf(transition: Transition): string {
  if (transition.to === 'suspended') return 'tenant.suspend';
  if (transition.to === 'rejected') return 'tenant.reject';
  return transition.from === 'suspended' ? 'tenant.reactivate' : 'tenant.approve';
}

/**
 * Platform-admin work across tenants. Every change and every cross-tenant read is recorded in the audit trail
 * (@marketplace/audit) in the transaction that makes it, and logged as an audit line.
 */
@Injectable()
export class TenantAdminService {
  constructor(
    private readonly database: MySqlDatabase,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Tenants in registration order, optionally of one status; `after` is a cursor of a previous page. */
  async list(input: {
    status?: TenantStatus | null;
    first?: number | null;
    after?: string | null;
  }): Promise<Connection<TenantRow>> {
    const { status, first, after } = tenantsPageSchema.parse({
      status: input.status ?? undefined,
      first: input.first ?? undefined,
      after: input.after ?? undefined,
    });
    const position = after === undefined ? undefined : createdAtCursor.decode(after);
    const conditions: SQL[] = [];
    if (status) conditions.push(eq(tenants.status, status));
    if (position) {
      conditions.push(
        or(
          gt(tenants.createdAt, position.createdAt),
          and(eq(tenants.createdAt, position.createdAt), gt(tenants.tenantId, position.id)),
        ) as SQL,
      );
    }
    this.audit('tenants.list', { status, first, after });
    await this.database.db.transaction((tx: MySqlDb) =>
      recordAudit(tx, {
        service: 'tenants',
        action: 'tenants.read',
        tenantId: null,
        targetType: 'tenant-list',
        after: { status: status ?? null, first, after: after ?? null },
        read: true,
      }),
    );
    const rows = await acrossTenants('tenants.admin-list', () =>
      crossTenantRepository(this.database.db, tenants).findMany(and(...conditions), {
        orderBy: [asc(tenants.createdAt), asc(tenants.tenantId)],
        limit: first + 1,
      }),
    );
    return pageOf(rows, first, (row) =>
      createdAtCursor.encode({ createdAt: row.createdAt, id: row.tenantId }),
    );
  }

  /** One tenant's account, as its admin detail page shows it (an audited cross-tenant read). */
  async get(id: string): Promise<TenantRow> {
    const tenantId = tenantIdSchema.parse(id);
    return withinTenant(tenantId, async () => {
      const row = await this.existing(this.database.db);
      await this.database.db.transaction((tx: MySqlDb) =>
        recordAudit(tx, {
          service: 'tenants',
          action: 'tenant.read',
          tenantId,
          targetType: 'tenant',
          targetId: tenantId,
          read: true,
        }),
      );
      return row;
    });
  }

  approve(id: string, reason?: string | null): Promise<TenantRow> {
    return this.transition(id, { from: 'pending', to: 'active', reason: optionalReason.parse(reason) });
  }

  suspend(id: string, reason: string): Promise<TenantRow> {
    const input = reasonedChangeSchema.parse({ id, reason });
    return this.transition(input.id, {
      from: 'active',
      to: 'suspended',
      reason: requiredReason.parse(input.reason),
    });
  }

  /** Pending → rejected, final: the seller sees the reason and never sells (ADR 0037). */
  reject(id: string, reason: string): Promise<TenantRow> {
    const input = reasonedChangeSchema.parse({ id, reason });
    return this.transition(input.id, {
      from: 'pending',
      to: 'rejected',
      reason: requiredReason.parse(input.reason),
    });
  }

  reactivate(id: string, reason?: string | null): Promise<TenantRow> {
    return this.transition(id, { from: 'suspended', to: 'active', reason: optionalReason.parse(reason) });
  }

  async setCommissionRate(id: string, commissionBps: number, reason: string): Promise<TenantRow> {
    const input = commissionSchema.parse({ id, commissionBps });
    const why = requiredReason.parse(reason);
    return withinTenant(input.id, async () => {
      const by = currentContext()?.userId ?? null;
      const changed = await this.database.db.transaction(async (tx: MySqlDb) => {
        const current = await this.existing(tx);
        if (current.commissionBps === input.commissionBps) return false;
        const at = new Date();
        // Compare-and-set: a concurrent change makes this update miss instead of overwriting it unseen.
        const updated = await tenantRecords(tx).updateOwn(
          { commissionBps: input.commissionBps, updatedAt: at },
          eq(tenants.commissionBps, current.commissionBps),
        );
        if (updated === 0)
          throw new ConflictError('The commission rate changed meanwhile; read it again and retry');
        await recordCommissionChange(tx, {
          tenantId: input.id,
          previous: current.commissionBps,
          next: input.commissionBps,
          by,
          at,
        });
        await recordAudit(tx, {
          service: 'tenants',
          action: 'tenant.set-commission',
          tenantId: input.id,
          targetType: 'tenant',
          targetId: input.id,
          before: { commissionBps: current.commissionBps },
          after: { commissionBps: input.commissionBps },
          reason: why,
        });
        return true;
      });
      this.audit('tenant.set-commission', {
        tenantId: input.id,
        commissionBps: input.commissionBps,
        changed,
      });
      return this.existing(this.database.db);
    });
  }

  private async transition(id: string, transition: Transition): Promise<TenantRow> {
    const tenantId = tenantIdSchema.parse(id);
    const action = actionOf(transition);
    return withinTenant(tenantId, async () => {
      const by = currentContext()?.userId ?? null;
      await this.database.db.transaction(async (tx: MySqlDb) => {
        const at = new Date();
        const updated = await tenantRecords(tx).updateOwn(
          {
            status: transition.to,
            statusChangedAt: at,
            statusChangedBy: by,
            // Only a suspension's reason is the seller's to see; approval and reactivation reasons are audit notes.
            suspensionReason: transition.to === 'suspended' ? transition.reason : null,
            rejectionReason: transition.to === 'rejected' ? transition.reason : null,
            updatedAt: at,
          },
          eq(tenants.status, transition.from),
        );
        if (updated === 0) {
          const current = await this.existing(tx);
          throw new ConflictError(
            `The tenant is ${current.status}; only a ${transition.from} tenant can become ${transition.to}`,
          );
        }
        await statusHistoryRecords(tx).insert({
          id: ulid(),
          fromStatus: transition.from,
          toStatus: transition.to,
          changedBy: by,
          reason: transition.reason,
          changedAt: at,
        });
        await recordStatusChange(tx, {
          tenantId,
          from: transition.from,
          to: transition.to,
          by,
          at,
          ...(transition.to === 'suspended' || transition.to === 'rejected'
            ? { reason: transition.reason ?? '' }
            : {}),
        });
        await recordAudit(tx, {
          service: 'tenants',
          action: action,
          tenantId,
          targetType: 'tenant',
          targetId: tenantId,
          before: { status: transition.from },
          after: { status: transition.to },
          reason: transition.reason,
        });
      });
      this.audit(action, { tenantId, reason: transition.reason });
      return this.existing(this.database.db);
    });
  }

  private async existing(db: MySqlDb): Promise<TenantRow> {
    const row = await tenantRecords(db).own();
    if (!row) throw new NotFoundError('No such tenant');
    return row;
  }

  private audit(action: string, details: Record<string, unknown>): void {
    this.logger.info({ audit: true, action, ...details }, `platform admin: ${action}`);
  }
}
