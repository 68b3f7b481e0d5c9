import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ulid } from 'ulid';
import { type DocumentOutboxRelay, type EventConsumer, MongoProcessedEvents } from '@marketplace/events';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import { MongoDatabase, ReadinessChecks, reportEventConsumers } from '@marketplace/service-kit';
import type { CatalogConfig } from './config';
import { CatalogDatabase } from './database/catalog-database';
import { productOutboxRelay } from './events/product-outbox.relay';
import { tenantEventsConsumer } from './events/tenant-events.consumer';
import { ImportsModule } from './imports/imports.module';
import { ProductImportService } from './imports/product-import.service';
import { ProductsModule } from './products/products.module';
import { searchIndexFollower } from './search/search-index.follower';
import { SearchIndexService } from './search/search-index.service';
import { TenantStatusService } from './tenants/tenant-status.service';

const CATALOG_RESOURCES = Symbol('CATALOG_RESOURCES');

/** Long-lived things the app starts and stops with itself. */
interface CatalogResources {
  relay: DocumentOutboxRelay;
  tenantEvents: EventConsumer<undefined>;
  searchIndexFollower: EventConsumer<undefined>;
}

@Injectable()
class CatalogJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CATALOG_RESOURCES) private readonly resources: CatalogResources,
    @Inject(ProductImportService) private readonly imports: ProductImportService,
    @Inject(SearchIndexService) private readonly searchIndex: SearchIndexService,
  ) {}

  /** The follower joins before the build reads MongoDB, so no change falls between the two. */
  async onApplicationBootstrap(): Promise<void> {
    await this.resources.searchIndexFollower.start();
    await this.searchIndex.build();
    this.resources.relay.start();
    await this.resources.tenantEvents.start();
  }

  /** Before the MongoDB connection closes (the service module's hook runs after this one). */
  async onApplicationShutdown(): Promise<void> {
    await this.imports.drain();
    await this.resources.tenantEvents.stop();
    await this.resources.searchIndexFollower.stop();
    await this.resources.relay.stop();
  }
}

/**
 * The catalog's background work: the product outbox relay (woken by every product write), the tenant-status
 * consumer, and this replica's search index follower; started once the app is up, stopped before MongoDB closes.
 */
@Module({})
export class CatalogJobsModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    const kafka = { brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME };
    return {
      module: CatalogJobsModule,
      imports: [ProductsModule, ImportsModule],
      providers: [
        {
          provide: CATALOG_RESOURCES,
          inject: [
            MongoDatabase,
            CatalogDatabase,
            TenantStatusService,
            SearchIndexService,
            LOGGER,
            ReadinessChecks,
            ServiceMetrics,
          ],
          useFactory: async (
            mongo: MongoDatabase,
            database: CatalogDatabase,
            tenantStatus: TenantStatusService,
            searchIndex: SearchIndexService,
            logger: Logger,
            readiness: ReadinessChecks,
            metrics: ServiceMetrics,
          ): Promise<CatalogResources> => {
            const processedEvents = await MongoProcessedEvents.open(mongo.db);
            const relay = productOutboxRelay(database, {
              ...kafka,
              logger,
              sweepIntervalMs: config.OUTBOX_SWEEP_MS,
            });
            database.onProductsWritten(async () => relay.notify());
            database.onCategoriesWritten(() => relay.notify());
            metrics.trackOutboxDepth(() => relay.depth());
            metrics.trackOutboxParked(() => relay.parked());
            const resources: CatalogResources = {
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
            // Started here in their own order (the follower before the index build), supervised and reported
            // like every service's consumers.
            reportEventConsumers([resources.tenantEvents, resources.searchIndexFollower], readiness, metrics);
            return resources;
          },
        },
        CatalogJobs,
      ],
    };
  }
}
