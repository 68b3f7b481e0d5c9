import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventConsumer, KafkaConnectionOptions, ProcessedEventStore } from '@marketplace/events';
import type { Logger } from '@marketplace/observability';
import type { CatalogConfig } from '../config';
import type { CatalogDatabase } from '../database/catalog-database';
import { ProductsRepository } from '../products/products.repository';
import { stockEventsConsumer } from './stock-events.consumer';
import { StockLevelsService } from './stock-levels.service';

const STOCK_EVENTS = Symbol('STOCK_EVENTS');

export interface StockSyncOptions {
  kafka: KafkaConnectionOptions;
  config: Pick<CatalogConfig, 'STOCK_EVENTS_GROUP'>;
  database: CatalogDatabase;
  processedEvents: ProcessedEventStore<undefined>;
  logger: Logger;
}

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
  static forRoot(options: StockSyncOptions): DynamicModule {
    const logger = options.logger.child({ component: 'stock-sync' });
    const stockLevels = new StockLevelsService(
      options.database,
      new ProductsRepository(options.database),
      logger,
    );
    const consumer = stockEventsConsumer(
      {
        ...options.kafka,
        groupId: options.config.STOCK_EVENTS_GROUP,
        processedEvents: options.processedEvents,
        logger,
      },
      stockLevels,
    );
    return {
      module: StockSyncModule,
      providers: [
        { provide: StockLevelsService, useValue: stockLevels },
        { provide: STOCK_EVENTS, useValue: consumer },
        StockSyncJobs,
      ],
      exports: [StockLevelsService],
    };
  }
}
