import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles, type Principal } from '@marketplace/auth';
import { optionalReason } from '@marketplace/audit';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { recordCatalogAudit } from '../audit/audit-records';
import { CatalogDatabase } from '../database/catalog-database';
import { SearchIndexStatusModel } from './search-index.model';
import { SEARCH_RUNTIME, type SearchRuntime } from './search-runtime';

/** Platform-admin view and rebuild of the search index, for data loaded outside the catalog's own writes. */
@Resolver(() => SearchIndexStatusModel)
export class SearchIndexResolver {
  constructor(
    @Inject(SEARCH_RUNTIME) private readonly search: SearchRuntime,
    @Inject(CatalogDatabase) private readonly database: CatalogDatabase,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => SearchIndexStatusModel)
  searchIndexStatus(): Promise<SearchIndexStatusModel> {
    return this.search.status();
  }

  @Roles('platform-admin')
  @Mutation(() => SearchIndexStatusModel, {
    description:
      'Starts rebuilding the search index from the database and returns at once; poll searchIndexStatus. ' +
      'With OpenSearch the rebuild fills a new index and moves the alias to it (no downtime). Audited, with ' +
      'the optional reason.',
  })
  async rebuildSearchIndex(
    @CurrentPrincipal() admin: Principal,
    @Args('reason', { type: () => String, nullable: true, description: 'Why, for the audit log.' })
    reason?: string | null,
  ): Promise<SearchIndexStatusModel> {
    const why = optionalReason.parse(reason);
    const before = await this.search.status();
    // Recorded before the rebuild starts: the request is the admin's action, whatever the build's outcome.
    await recordCatalogAudit(this.database, {
      service: 'catalog',
      action: 'search-index.rebuild',
      tenantId: null,
      targetType: 'search-index',
      targetId: before.engine,
      before: { products: before.products, builtAt: before.builtAt?.toISOString() ?? null },
      reason: why,
    });
    this.search.rebuild().catch((error: unknown) => {
      this.logger.error({ err: error }, 'search index rebuild failed');
    });
    this.logger.info({ audit: true, adminId: admin.userId, reason: why }, 'search index rebuild requested');
    return this.search.status();
  }
}
