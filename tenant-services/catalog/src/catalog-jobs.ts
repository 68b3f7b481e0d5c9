import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
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
import { BUYER_SEARCH_ENGINE, type BuyerSearchEngine } from './search/search-engine';
import { SEARCH_RUNTIME, type SearchRuntime } from './search/search-runtime';
import { TenantStatusService } from './tenants/tenant-status.service';

const CATALOG_RESOURCES = Symbol('CATALOG_RESOURCES');

/** Long-lived things the app starts and stops with itself. */
interface CatalogResources {
  relay: DocumentOutboxRelay;
  tenantEvents: EventConsumer<undefined>;
}

@Injectable()
class CatalogJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CATALOG_RESOURCES) private readonly resources: CatalogResources,
    @Inject(ProductImportService) private readonly imports: ProductImportService,
    @Inject(SEARCH_RUNTIME) private readonly search: SearchRuntime,
  ) {}

  /** Search first: the in-memory index is built before the replica reports ready. */
  async onApplicationBootstrap(): Promise<void> {
    await this.search.start();
    this.resources.relay.start();
    await this.resources.tenantEvents.start();
  }

  /** Before the MongoDB connection closes (the service module's hook runs after this one). */
  async onApplicationShutdown(): Promise<void> {
    await this.imports.drain();
    await this.resources.tenantEvents.stop();
    await this.search.stop();
    await this.resources.relay.stop();
  }
}

/**
 * The catalog's background work: the product outbox relay (woken by every product write), the tenant-status
 * consumer, and the search engine's own work (ADR 0041); started once the app is up, stopped before MongoDB closes.
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
            BUYER_SEARCH_ENGINE,
            SEARCH_RUNTIME,
            LOGGER,
            ReadinessChecks,
            ServiceMetrics,
          ],
          useFactory: async (
            mongo: MongoDatabase,
            database: CatalogDatabase,
            tenantStatus: TenantStatusService,
            searchEngine: BuyerSearchEngine,
            search: SearchRuntime,
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
            // A written product's new events leave at once from the writer's copy (ADR 0059); a pass finds the
            // events of writes that name only ids.
            database.onProductsWritten(async (change) => {
              if ('docs' in change) relay.publishWritten(change.docs);
              else relay.notify();
            });
            database.onCategoriesWritten(() => relay.notify());
            metrics.trackOutboxDepth(() => relay.depth());
            metrics.trackOutboxParked(() => relay.parked());
            const resources: CatalogResources = {
              relay,
              tenantEvents: tenantEventsConsumer(
                { ...kafka, groupId: config.TENANT_EVENTS_GROUP, processedEvents, logger },
                tenantStatus,
                searchEngine,
              ),
            };
            // Started in their own order (the search follower before the index build), supervised and reported
            // like every service's consumers.
            reportEventConsumers([resources.tenantEvents, ...search.consumers()], readiness, metrics);
            search.report(readiness, metrics);
            return resources;
          },
        },
        CatalogJobs,
      ],
    };
  }
}
