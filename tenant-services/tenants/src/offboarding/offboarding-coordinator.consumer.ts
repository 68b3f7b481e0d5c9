import { OFFBOARDING_SERVICES, TenantDataDeleted, TenantExportPartWritten } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { OffboardingObjects } from '@marketplace/offboarding';
import { type MySqlDb, withinTenant } from '@marketplace/tenancy';
import { eq } from 'drizzle-orm';
import { uploadExportArchive } from './export-archive';
import { deletionRecords, exportRecords } from './offboarding.repository';
import { tenantDeletions, tenantExports } from './offboarding.schema';

const allConfirmed = (services: object) => OFFBOARDING_SERVICES.every((service) => service in services);

/**
 * Counts the services' confirmations of exports and deletions (idempotent through processed_events; one
 * tenant's events share a partition, so they are counted one at a time). The last export part assembles the
 * archive; the last deletion confirmation marks the tenant deleted; a part confirmed after the deletion is deleted.
 */
export function offboardingCoordinator(
  options: EventConsumerOptions,
  objects: OffboardingObjects,
  partsPrefix: (tenantId: string, exportId: string) => string,
): EventConsumer {
  return new EventConsumer(options)
    .handle(TenantExportPartWritten, ({ payload }, { tx }) =>
      withinTenant(payload.tenantId, async () => {
        const records = exportRecords(tx as MySqlDb);
        const row = await records.byId(payload.exportId);
        if (!row) {
          // A part written after the tenant's deletion erased its exports (a participant that lagged behind, or
          // read the request again): deleted as well, or it would stay under the deleted tenant's prefix.
          if (await deletionRecords(tx as MySqlDb).latest())
            await objects.deletePrefix(
              `${partsPrefix(payload.tenantId, payload.exportId)}/${payload.service}/`,
            );
          return;
        }
        if (row.completedAt) return;
        const parts = { ...row.parts, [payload.service]: payload.files };
        if (!allConfirmed(parts)) {
          await records.update(eq(tenantExports.id, row.id), { parts });
          return;
        }
        const prefix = partsPrefix(payload.tenantId, row.id);
        const archiveKey = `${prefix.slice(0, -'/parts'.length)}/tenant-${payload.tenantId}-export-${row.id}.tar.gz`;
        const archive = await uploadExportArchive(
          objects,
          prefix,
          {
            tenantId: payload.tenantId,
            exportId: row.id,
            requestedAt: row.requestedAt.toISOString(),
            parts,
          },
          archiveKey,
        );
        await records.update(eq(tenantExports.id, row.id), {
          parts,
          archiveKey,
          archiveBytes: archive.bytes,
          completedAt: new Date(),
        });
      }),
    )
    .handle(TenantDataDeleted, ({ payload }, { tx }) =>
      withinTenant(payload.tenantId, async () => {
        const records = deletionRecords(tx as MySqlDb);
        const row = await records.byId(payload.deletionId);
        if (!row || row.completedAt) return;
        const confirmations = {
          ...row.confirmations,
          [payload.service]: {
            deleted: payload.deleted,
            anonymized: payload.anonymized,
            at: payload.deletedAt,
          },
        };
        await records.update(eq(tenantDeletions.id, row.id), {
          confirmations,
          ...(allConfirmed(confirmations) ? { completedAt: new Date() } : {}),
        });
      }),
    );
}
