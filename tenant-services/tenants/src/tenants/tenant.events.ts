import {
  TenantActivated,
  TenantCommissionChanged,
  TenantReactivated,
  TenantRegistered,
  TenantRejected,
  TenantSuspended,
  type TenantStatus,
} from '@marketplace/contracts';
import { enqueue, type MySqlDb } from '@marketplace/events';
import type { TenantRow } from './tenant.schema';

/** Records in the outbox (same transaction as the change) what happened to a tenant; keyed by tenant id. */
export async function recordRegistered(tx: MySqlDb, row: TenantRow): Promise<void> {
  const event = TenantRegistered.create(
    {
      tenantId: row.tenantId,
      name: row.name,
      alias: row.alias,
      status: row.status,
      commissionBps: row.commissionBps,
      defaultCurrency: row.defaultCurrency,
      contactEmail: row.contactEmail,
      ownerUserId: row.ownerUserId,
      registeredAt: row.createdAt.toISOString(),
    },
    { tenantId: row.tenantId },
  );
  await enqueue(tx, event, { key: row.tenantId });
}

export interface StatusChange {
  tenantId: string;
  from: TenantStatus | null;
  to: TenantStatus;
  by: string | null;
  at: Date;
  reason?: string;
}

export async function recordStatusChange(tx: MySqlDb, change: StatusChange): Promise<void> {
  const at = change.at.toISOString();
  const options = { tenantId: change.tenantId };
  const { tenantId, by } = change;
  const event =
    change.to === 'suspended'
      ? TenantSuspended.create(
          { tenantId, reason: change.reason ?? '', suspendedBy: by, suspendedAt: at },
          options,
        )
      : change.to === 'rejected'
        ? TenantRejected.create(
            { tenantId, reason: change.reason ?? '', rejectedBy: by, rejectedAt: at },
            options,
          )
        : change.from === 'suspended'
          ? TenantReactivated.create({ tenantId, reactivatedBy: by, reactivatedAt: at }, options)
          : TenantActivated.create({ tenantId, activatedBy: by, activatedAt: at }, options);
  await enqueue(tx, event, { key: tenantId });
}

export async function recordCommissionChange(
  tx: MySqlDb,
  change: { tenantId: string; previous: number; next: number; by: string | null; at: Date },
): Promise<void> {
  const event = TenantCommissionChanged.create(
    {
      tenantId: change.tenantId,
      previousCommissionBps: change.previous,
      commissionBps: change.next,
      changedBy: change.by,
      changedAt: change.at.toISOString(),
    },
    { tenantId: change.tenantId },
  );
  await enqueue(tx, event, { key: change.tenantId });
}
