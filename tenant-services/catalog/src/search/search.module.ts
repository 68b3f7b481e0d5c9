import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { ulid } from 'ulid';
import { LOGGER, type Logger } from '@marketplace/observability';
import type { CatalogConfig } from '../config';
import { CatalogDatabase } from '../database/catalog-database';
import { indexedProducts } from '../products/products.repository';
import { MemorySearchEngine } from './memory-search.engine';
import { OpenSearchEngine } from './opensearch/opensearch-search.engine';
import { ProductSearchStore } from './opensearch/product-search-store';
import { searchIndexer } from './opensearch/search-indexer';
import { TenantVisibility } from './opensearch/tenant-visibility';
import { BUYER_SEARCH_ENGINE, type BuyerSearchEngine } from './search-engine';
import { searchIndexFollower } from './search-index.follower';
import { SearchIndexResolver } from './search-index.resolver';
import { SearchIndexService } from './search-index.service';
import { MemorySearchRuntime, OpenSearchRuntime, SEARCH_RUNTIME, type SearchRuntime } from './search-runtime';

const ENGINE_PARTS = Symbol('ENGINE_PARTS');

/**
 * Buyer search behind one port (ADR 0041), the engine chosen by SEARCH_ENGINE: the in-memory index of each
 * replica (ADR 0008) or OpenSearch fed by the shared indexer. Exports the engine (storefront queries, tenant
 * statuses) and its runtime (start/stop with the app, admin status and rebuild).
 */
@Global()
@Module({})
export class SearchModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    const kafka = { brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME };
    const follower = (logger: Logger) => ({
      ...kafka,
      groupId: `${config.SEARCH_INDEX_GROUP_PREFIX}.${ulid()}`,
      logger,
    });
    const parts: Provider =
      config.SEARCH_ENGINE === 'memory'
        ? {
            provide: ENGINE_PARTS,
            inject: [CatalogDatabase, LOGGER],
            useFactory: (database: CatalogDatabase, logger: Logger) => {
              const searchIndex = new SearchIndexService(
                database,
                logger.child({ component: 'search-index' }),
              );
              const engine = new MemorySearchEngine(searchIndex);
              const runtime = new MemorySearchRuntime(
                searchIndex,
                searchIndexFollower(follower(logger), engine, searchIndex),
              );
              return { engine, runtime };
            },
          }
        : {
            provide: ENGINE_PARTS,
            inject: [CatalogDatabase, LOGGER],
            useFactory: (database: CatalogDatabase, logger: Logger) => {
              const store = new ProductSearchStore({
                url: config.OPENSEARCH_URL!,
                alias: config.OPENSEARCH_INDEX,
                shards: config.OPENSEARCH_SHARDS,
                replicas: config.OPENSEARCH_REPLICAS,
                awsRegion: config.OPENSEARCH_AWS_REGION,
                refreshInterval: config.OPENSEARCH_REFRESH_INTERVAL,
              });
              const tenants = new TenantVisibility();
              const engine = new OpenSearchEngine(store, tenants, (key) =>
                indexedProducts.visible(database, key),
              );
              const searchLogger = logger.child({ component: 'search' });
              const runtime = new OpenSearchRuntime(
                database,
                store,
                tenants,
                searchIndexFollower(follower(logger), engine),
                searchIndexer(
                  {
                    ...kafka,
                    groupId: config.SEARCH_INDEXER_GROUP,
                    startFrom: config.SEARCH_INDEXER_START,
                    logger,
                  },
                  database,
                  store,
                  { maxBatch: config.SEARCH_INDEXER_BATCH, lingerMs: config.SEARCH_INDEXER_LINGER_MS },
                ),
                searchLogger,
                {
                  maxUnindexedAgeMs: config.SEARCH_INDEXER_DEGRADED_AFTER_MS,
                  maxLag: config.SEARCH_INDEXER_MAX_LAG,
                },
              );
              return { engine, runtime };
            },
          };
    return {
      module: SearchModule,
      providers: [
        parts,
        {
          provide: BUYER_SEARCH_ENGINE,
          inject: [ENGINE_PARTS],
          useFactory: (p: { engine: BuyerSearchEngine }) => p.engine,
        },
        {
          provide: SEARCH_RUNTIME,
          inject: [ENGINE_PARTS],
          useFactory: (p: { runtime: SearchRuntime }) => p.runtime,
        },
        SearchIndexResolver,
      ],
      exports: [BUYER_SEARCH_ENGINE, SEARCH_RUNTIME],
    };
  }
}
