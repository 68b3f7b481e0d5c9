import { Inject } from '@nestjs/common';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles, type Principal } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { SearchIndexStatusModel } from './search-index.model';
import { SearchIndexService } from './search-index.service';

/** Platform-admin view and rebuild of the search index, for data loaded outside the catalog's own writes. */
@Resolver(() => SearchIndexStatusModel)
export class SearchIndexResolver {
  constructor(
    @Inject(SearchIndexService) private readonly searchIndex: SearchIndexService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => SearchIndexStatusModel)
  searchIndexStatus(): SearchIndexStatusModel {
    return this.searchIndex.status();
  }

  @Roles('platform-admin')
  @Mutation(() => SearchIndexStatusModel, {
    description:
      'Starts rebuilding the search index from the database and returns at once; poll searchIndexStatus.',
  })
  rebuildSearchIndex(@CurrentPrincipal() admin: Principal): SearchIndexStatusModel {
    this.searchIndex.build().catch((error: unknown) => {
      this.logger.error({ err: error }, 'search index rebuild failed');
    });
    this.logger.info({ audit: true, adminId: admin.userId }, 'search index rebuild requested');
    return this.searchIndex.status();
  }
}
