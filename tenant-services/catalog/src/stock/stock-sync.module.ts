import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventConsumer } from '@marketplace/events';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import { ReadinessChecks, reportEventConsumers } from '@marketplace/service-kit';
import type { CatalogConfig } from '../config';
import { CatalogDatabase } from '../database/catalog-database';
import { ProductsModule } from '../products/products.module';
import { ProductsRepository } from '../products/products.repository';
import { stockEventsConsumer } from './stock-events.consumer';
import { StockLevelsService } from './stock-levels.service';

const STOCK_EVENTS = Symbol('STOCK_EVENTS');

/** Starts the stock consumer with the app; on shutdown stops it and applies what it staged. */
@Injectable()
class StockSyncJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(STOCK_EVENTS) private readonly consumer: EventConsumer<undefined>,
    @Inject(StockLevelsService) private readonly stockLevels: StockLevelsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  /** Before the app's own shutdown closes MongoDB. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.stockLevels.flush();
  }
}

/** Inventory → catalog stock sync: per-variant units and the `inStock` flag from `inventory.stock.v1`. */
@Module({})
export class StockSyncModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: StockSyncModule,
      imports: [ProductsModule],
      providers: [
        {
          provide: StockLevelsService,
          inject: [CatalogDatabase, ProductsRepository, LOGGER],
          useFactory: (database: CatalogDatabase, products: ProductsRepository, logger: Logger) =>
            new StockLevelsService(database, products, logger.child({ component: 'stock-sync' })),
        },
        {
          provide: STOCK_EVENTS,
          inject: [StockLevelsService, LOGGER, ReadinessChecks, ServiceMetrics],
          useFactory: (
            stockLevels: StockLevelsService,
            logger: Logger,
            readiness: ReadinessChecks,
            metrics: ServiceMetrics,
          ) => {
            const consumer = stockEventsConsumer(
              {
                brokers: config.KAFKA_BROKERS,
                clientId: config.SERVICE_NAME,
                groupId: config.STOCK_EVENTS_GROUP,
                logger: logger.child({ component: 'stock-sync' }),
              },
              stockLevels,
            );
            // Started and stopped by StockSyncJobs (staged levels are flushed after it stops), reported as supervised.
            reportEventConsumers([consumer], readiness, metrics);
            return consumer;
          },
        },
        StockSyncJobs,
      ],
      exports: [StockLevelsService],
    };
  }
}
