import { Global, Module } from '@nestjs/common';
import { LOGGER, type Logger } from '@marketplace/observability';
import { CatalogDatabase } from '../database/catalog-database';
import { SearchIndexResolver } from './search-index.resolver';
import { SearchIndexService } from './search-index.service';

/** This replica's in-memory buyer search index (ADR 0008) and its admin operations. */
@Global()
@Module({
  providers: [
    {
      provide: SearchIndexService,
      inject: [CatalogDatabase, LOGGER],
      useFactory: (database: CatalogDatabase, logger: Logger) =>
        new SearchIndexService(database, logger.child({ component: 'search-index' })),
    },
    SearchIndexResolver,
  ],
  exports: [SearchIndexService],
})
export class SearchIndexModule {}
