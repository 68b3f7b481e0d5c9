import { Controller, Get, Inject, Param } from '@nestjs/common';
import {
  InternalOnly,
  TenantStatusUnavailableError,
  type TenantStanding,
  type TenantStatusLookup,
} from '@marketplace/auth';
import { TENANT_STATUS_ROUTE, type TenantStatusAnswer } from '@marketplace/contracts';
import { MySqlDatabase, type OwnTenantStatusLookup } from '@marketplace/service-kit';
import { tenantId as tenantIdSchema } from './tenant.inputs';
import { TenantDirectory } from './tenant-directory.repository';

/** Every service's AuthGuard asks here, as the platform services client, on a cache miss (ADR 0048). */
@InternalOnly()
@Controller()
export class InternalTenantStatusController {
  constructor(@Inject(TenantDirectory) private readonly directory: TenantDirectory) {}

  @Get(TENANT_STATUS_ROUTE)
  async statusOf(@Param('tenantId') tenantId: string): Promise<TenantStatusAnswer> {
    // Organization ids are UUIDs: anything else names no tenant.
    if (!tenantIdSchema.safeParse(tenantId).success)
      return { tenantId, status: null, reason: null, changedAt: null };
    return this.directory.statusFact(tenantId);
  }
}

/** The tenants service's own guard reads its table: always current, no cache to go stale. */
class OwnTableTenantStatusLookup implements TenantStatusLookup {
  constructor(
    private readonly directory: TenantDirectory,
    private readonly assumeActive: boolean,
  ) {}

  async standingOf(tenantId: string): Promise<TenantStanding | undefined> {
    let fact: TenantStatusAnswer;
    try {
      fact = await this.directory.statusFact(tenantId);
    } catch (error) {
      throw new TenantStatusUnavailableError(error);
    }
    if (fact.status === null) return this.assumeActive ? { status: 'active' } : undefined;
    return { status: fact.status, ...(fact.reason === null ? {} : { reason: fact.reason }) };
  }
}

export function ownTenantStatusLookup(assumeActive: boolean): OwnTenantStatusLookup {
  return {
    inject: [MySqlDatabase],
    useFactory: (database: MySqlDatabase) =>
      new OwnTableTenantStatusLookup(new TenantDirectory(database), assumeActive),
  };
}
