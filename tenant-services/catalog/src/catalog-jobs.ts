import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DocumentOutboxRelay, EventConsumer } from '@marketplace/events';
import { ProductImportService } from './imports/product-import.service';
import type { MongoConnection } from '@marketplace/service-kit';
import { SearchIndexService } from './search/search-index.service';

export const CATALOG_RESOURCES = Symbol('CATALOG_RESOURCES');

/** Long-lived things the app starts and stops with itself. */
export interface CatalogResources {
  mongo: MongoConnection;
  relay: DocumentOutboxRelay;
  tenantEvents: EventConsumer<undefined>;
  searchIndexFollower: EventConsumer<undefined>;
}

@Injectable()
export class CatalogJobs implements OnApplicationBootstrap, OnApplicationShutdown {
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

  async onApplicationShutdown(): Promise<void> {
    await this.imports.drain();
    await this.resources.tenantEvents.stop();
    await this.resources.searchIndexFollower.stop();
    await this.resources.relay.stop();
    await this.resources.mongo.close();
  }
}
