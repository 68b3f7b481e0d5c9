import { Module, type DynamicModule } from '@nestjs/common';
import { ulid } from 'ulid';
import { MongoProcessedEvents } from '@marketplace/events';
import { createLogger } from '@marketplace/observability';
import { connectMongo, ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import { CategoriesResolver } from './categories/categories.resolver';
import { CategoriesService } from './categories/categories.service';
import { CATALOG_RESOURCES, CatalogJobs, type CatalogResources } from './catalog-jobs';
import type { CatalogConfig } from './config';
import { CatalogDatabase } from './database/catalog-database';
import { productOutboxRelay } from './events/product-outbox.relay';
import { tenantEventsConsumer } from './events/tenant-events.consumer';
import { ProductImportController } from './imports/product-import.controller';
import { ProductImportResolver } from './imports/product-import.resolver';
import { ProductImportService } from './imports/product-import.service';
import { ModerationResolver } from './products/moderation.resolver';
import { ModerationService } from './products/moderation.service';
import { ProductSearchService } from './products/product-search.service';
import { ProductsRepository } from './products/products.repository';
import { ProductsService } from './products/products.service';
import { SellerProductsResolver } from './products/seller-products.resolver';
import { ProductSearchResultResolver, StorefrontResolver } from './products/storefront.resolver';
import { searchIndexFollower } from './search/search-index.follower';
import { SearchIndexResolver } from './search/search-index.resolver';
import { SearchIndexService } from './search/search-index.service';
import { StockSyncModule } from './stock/stock-sync.module';
import { TenantStatusService } from './tenants/tenant-status.service';

@Module({})
export class AppModule {
  /** Connects MongoDB, creates indexes (processed events included), and returns the module wired to it. */
  static async forRoot(config: CatalogConfig): Promise<DynamicModule> {
    const mongo = await connectMongo({ url: config.MONGODB_URL, database: config.MONGODB_DATABASE });
    const database = new CatalogDatabase(mongo.db);
    await database.ensureIndexes();
    const processedEvents = await MongoProcessedEvents.open(mongo.db);

    const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
    const searchIndex = new SearchIndexService(database, logger.child({ component: 'search-index' }));
    const tenantStatus = new TenantStatusService(database);
    const kafka = { brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME };
    const relay = productOutboxRelay(database, { ...kafka, logger, sweepIntervalMs: config.OUTBOX_SWEEP_MS });
    database.onProductsWritten(async () => relay.notify());
    const resources: CatalogResources = {
      mongo,
      relay,
      tenantEvents: tenantEventsConsumer(
        { ...kafka, groupId: config.TENANT_EVENTS_GROUP, processedEvents, logger },
        tenantStatus,
        searchIndex,
      ),
      searchIndexFollower: searchIndexFollower(
        { ...kafka, groupId: `${config.SEARCH_INDEX_GROUP_PREFIX}.${ulid()}`, logger },
        searchIndex,
      ),
    };

    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: config.SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          keycloak: {
            url: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            audience: config.AUTH_AUDIENCE,
          },
          readinessChecks: {
            mongodb: () => mongo.db.command({ ping: 1 }),
          },
        }),
        SubgraphModule.forRoot(),
        StockSyncModule.forRoot({ kafka, config, database, processedEvents, logger }),
      ],
      controllers: [ProductImportController],
      providers: [
        { provide: CatalogDatabase, useValue: database },
        { provide: TenantStatusService, useValue: tenantStatus },
        { provide: SearchIndexService, useValue: searchIndex },
        { provide: CATALOG_RESOURCES, useValue: resources },
        CategoriesService,
        ProductsRepository,
        ProductsService,
        ProductSearchService,
        ModerationService,
        ProductImportService,
        CatalogJobs,
        CategoriesResolver,
        SellerProductsResolver,
        StorefrontResolver,
        ProductSearchResultResolver,
        ModerationResolver,
        ProductImportResolver,
        SearchIndexResolver,
      ],
    };
  }
}
