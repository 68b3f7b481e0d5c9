import { Inject, Injectable } from '@nestjs/common';
import { TenantDeletionRequested, TenantExportRequested } from '@marketplace/contracts';
import { recordAudit, requiredReason } from '@marketplace/audit';
import { enqueue } from '@marketplace/events';
import { ConflictError, NotFoundError } from '@marketplace/observability';
import { OFFBOARDING_OBJECTS, type OffboardingObjects } from '@marketplace/offboarding';
import { MySqlDatabase } from '@marketplace/service-kit';
import { currentContext, type MySqlDb, withinTenant } from '@marketplace/tenancy';
import { ulid } from 'ulid';
import type { TenantsConfig } from '../config';
import { TENANTS_CONFIG } from '../infrastructure.module';
import { tenantId as tenantIdSchema } from '../tenants/tenant.inputs';
import { tenantRecords } from '../tenants/tenant.repository';
import type { TenantRow } from '../tenants/tenant.schema';
import { deletionRecords, exportRecords } from './offboarding.repository';
import type { TenantDeletionRow, TenantExportRow } from './offboarding.schema';

/** Where a tenant's export parts and archives live; the whole prefix goes with the tenant's deletion. */
export const tenantOffboardingPrefix = (config: TenantsConfig, tenantId: string) =>
  `${config.OFFBOARDING_KEY_PREFIX}/tenants/${tenantId}/`;
export const exportPartsPrefix = (config: TenantsConfig, tenantId: string, exportId: string) =>
  `${tenantOffboardingPrefix(config, tenantId)}exports/${exportId}/parts`;

/**
 * Platform-admin offboarding of one tenant (ADR 0038): export everything it owns, delete it everywhere. Both are
 * requests the services carry out on `tenants.offboarding.v1`; each is audited in the transaction that makes it.
 */
@Injectable()
export class TenantOffboardingService {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(TENANTS_CONFIG) private readonly config: TenantsConfig,
    @Inject(OFFBOARDING_OBJECTS) private readonly objects: OffboardingObjects,
  ) {}

  async requestExport(id: string): Promise<TenantExportRow> {
    const tenantId = tenantIdSchema.parse(id);
    return this.inTenant(tenantId, async (tx) => {
      const row: TenantExportRow = {
        tenantId,
        id: ulid(),
        requestedBy: currentContext()?.userId ?? null,
        requestedAt: new Date(),
        parts: {},
        archiveKey: null,
        archiveBytes: null,
        completedAt: null,
      };
      await exportRecords(tx).insert(row);
      await recordAudit(tx, {
        service: 'tenants',
        action: 'tenant.export',
        tenantId,
        targetType: 'tenant',
        targetId: tenantId,
        // The audit log outlives the tenant (ADR 0038): its records name the tenant by id, never by name or alias.
        after: { exportId: row.id },
      });
      const event = TenantExportRequested.create(
        {
          exportId: row.id,
          tenantId,
          partsPrefix: exportPartsPrefix(this.config, tenantId, row.id),
          requestedBy: row.requestedBy,
          requestedAt: row.requestedAt.toISOString(),
        },
        { tenantId: null },
      );
      await enqueue(tx, event, { key: tenantId });
      return row;
    });
  }

  /** Refused unless the tenant is suspended: buyers no longer see it and its payouts are held (ADR 0038). */
  async requestDeletion(id: string, reason: string): Promise<TenantDeletionRow> {
    const tenantId = tenantIdSchema.parse(id);
    const why = requiredReason.parse(reason);
    return this.inTenant(tenantId, async (tx, tenant) => {
      const pending = await deletionRecords(tx).latest();
      if (pending && !pending.completedAt) return pending;
      if (tenant.status !== 'suspended')
        throw new ConflictError(`Suspend the seller before deleting it (it is ${tenant.status})`);
      const row: TenantDeletionRow = {
        tenantId,
        id: ulid(),
        reason: why,
        requestedBy: currentContext()?.userId ?? null,
        requestedAt: new Date(),
        confirmations: {},
        completedAt: null,
      };
      await deletionRecords(tx).insert(row);
      await recordAudit(tx, {
        service: 'tenants',
        action: 'tenant.delete',
        tenantId,
        targetType: 'tenant',
        targetId: tenantId,
        before: { status: tenant.status },
        after: { deletionId: row.id },
        reason: why,
      });
      const event = TenantDeletionRequested.create(
        {
          deletionId: row.id,
          tenantId,
          reason: why,
          requestedBy: row.requestedBy,
          requestedAt: row.requestedAt.toISOString(),
        },
        { tenantId: null },
      );
      await enqueue(tx, event, { key: tenantId });
      return row;
    });
  }

  /** The tenant's latest exports, each finished one with a short-lived download link (an audited read). */
  async exports(
    id: string,
  ): Promise<(TenantExportRow & { downloadUrl: string | null; downloadUrlExpiresAt: Date | null })[]> {
    const tenantId = tenantIdSchema.parse(id);
    return withinTenant(tenantId, async () => {
      const rows = await exportRecords(this.database.db).latest(10);
      await this.database.db.transaction((tx: MySqlDb) =>
        recordAudit(tx, {
          service: 'tenants',
          action: 'tenant-exports.read',
          tenantId,
          targetType: 'tenant',
          targetId: tenantId,
          read: true,
        }),
      );
      const ttl = this.config.OFFBOARDING_DOWNLOAD_URL_TTL_SECONDS;
      // Signed now, so the link works until now + TTL; said to the admin so a stale page is not a surprise.
      const expiresAt = new Date(Date.now() + ttl * 1000);
      return Promise.all(
        rows.map(async (row) =>
          row.archiveKey
            ? {
                ...row,
                downloadUrl: await this.objects.downloadUrl(
                  row.archiveKey,
                  ttl,
                  row.archiveKey.slice(row.archiveKey.lastIndexOf('/') + 1),
                ),
                downloadUrlExpiresAt: expiresAt,
              }
            : { ...row, downloadUrl: null, downloadUrlExpiresAt: null },
        ),
      );
    });
  }

  /** The tenant's latest deletion request and which services confirmed it. */
  deletion(id: string): Promise<TenantDeletionRow | undefined> {
    const tenantId = tenantIdSchema.parse(id);
    return withinTenant(tenantId, () => deletionRecords(this.database.db).latest());
  }

  private async inTenant<T>(
    tenantId: string,
    work: (tx: MySqlDb, tenant: TenantRow) => Promise<T>,
  ): Promise<T> {
    const result = await withinTenant(tenantId, () =>
      this.database.db.transaction(async (tx: MySqlDb) => {
        const tenant = await tenantRecords(tx).own();
        if (!tenant) throw new NotFoundError('Tenant not found');
        return work(tx, tenant);
      }),
    );
    return result;
  }
}
