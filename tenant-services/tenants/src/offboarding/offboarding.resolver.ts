import { Roles } from '@marketplace/auth';
import { OFFBOARDING_SERVICES } from '@marketplace/contracts';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantDeletion, TenantExport } from './offboarding.model';
import type { TenantDeletionRow, TenantExportRow } from './offboarding.schema';
import { TenantOffboardingService } from './tenant-offboarding.service';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);

function toExport(
  row: TenantExportRow & { downloadUrl?: string | null; downloadUrlExpiresAt?: Date | null },
): TenantExport {
  return {
    id: row.id,
    tenantId: row.tenantId,
    requestedAt: row.requestedAt,
    partsExpected: OFFBOARDING_SERVICES.length,
    servicesExpected: [...OFFBOARDING_SERVICES],
    parts: Object.entries(row.parts).map(([service, files]) => ({
      service,
      records: (files ?? []).reduce((total, file) => total + file.records, 0),
    })),
    completedAt: row.completedAt,
    archiveBytes: row.archiveBytes,
    downloadUrl: row.downloadUrl ?? null,
    downloadUrlExpiresAt: row.downloadUrlExpiresAt ?? null,
  };
}

function toDeletion(row: TenantDeletionRow): TenantDeletion {
  return {
    id: row.id,
    tenantId: row.tenantId,
    reason: row.reason,
    requestedAt: row.requestedAt,
    requestedBy: row.requestedBy,
    completedAt: row.completedAt,
    services: OFFBOARDING_SERVICES.map((service) => {
      const confirmation = row.confirmations[service];
      return {
        service,
        confirmedAt: confirmation ? new Date(confirmation.at) : null,
        deleted: confirmation ? sum(confirmation.deleted) : 0,
        anonymized: confirmation ? sum(confirmation.anonymized) : 0,
      };
    }),
  };
}

@Roles('platform-admin')
@Resolver()
export class OffboardingResolver {
  constructor(private readonly offboarding: TenantOffboardingService) {}

  @Mutation(() => TenantExport, {
    description: 'Platform admin: export everything the seller owns into one archive (audited).',
  })
  async requestTenantExport(@Args('tenantId', { type: () => ID }) tenantId: string): Promise<TenantExport> {
    return toExport(await this.offboarding.requestExport(tenantId));
  }

  @Query(() => [TenantExport], {
    description:
      "Platform admin: the seller's latest exports, with progress and download links (audited read).",
  })
  async tenantExports(@Args('tenantId', { type: () => ID }) tenantId: string): Promise<TenantExport[]> {
    return (await this.offboarding.exports(tenantId)).map(toExport);
  }

  @Mutation(() => TenantDeletion, {
    description:
      'Platform admin: delete a suspended seller across every service, with a reason (audited). Orders and ' +
      'ledger entries are kept anonymized.',
  })
  async requestTenantDeletion(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('reason') reason: string,
  ): Promise<TenantDeletion> {
    return toDeletion(await this.offboarding.requestDeletion(tenantId, reason));
  }

  @Query(() => TenantDeletion, {
    nullable: true,
    description: "Platform admin: the seller's deletion progress.",
  })
  async tenantDeletion(
    @Args('tenantId', { type: () => ID }) tenantId: string,
  ): Promise<TenantDeletion | null> {
    const row = await this.offboarding.deletion(tenantId);
    return row ? toDeletion(row) : null;
  }
}
