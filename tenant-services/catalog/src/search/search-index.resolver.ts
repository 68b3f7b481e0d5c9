import { Inject } from '@nestjs/common';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles, type Principal } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { SearchIndexStatusModel } from './search-index.model';
import { SEARCH_RUNTIME, type SearchRuntime } from './search-runtime';

/** Platform-admin view and rebuild of the search index, for data loaded outside the catalog's own writes. */
@Resolver(() => SearchIndexStatusModel)
export class SearchIndexResolver {
  constructor(
    @Inject(SEARCH_RUNTIME) private readonly search: SearchRuntime,
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
      'With OpenSearch the rebuild fills a new index and moves the alias to it (no downtime).',
  })
  async rebuildSearchIndex(@CurrentPrincipal() admin: Principal): Promise<SearchIndexStatusModel> {
    this.search.rebuild().catch((error: unknown) => {
      this.logger.error({ err: error }, 'search index rebuild failed');
    });
    this.logger.info({ audit: true, adminId: admin.userId }, 'search index rebuild requested');
    return this.search.status();
  }
}
