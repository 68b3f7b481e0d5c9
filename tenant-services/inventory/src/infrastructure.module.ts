import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import type { InventoryConfig } from './config';
import { InventoryDatabase } from './database/inventory-database';
import { InventoryEventsRelay } from './events/inventory-events-relay';

export const INVENTORY_CONFIG = Symbol('INVENTORY_CONFIG');

/** Connections every feature module uses: configuration, MySQL, the outbox relay. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: InventoryConfig, database: InventoryDatabase): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: INVENTORY_CONFIG, useValue: config },
        { provide: InventoryDatabase, useFactory: () => database.open() },
        {
          provide: InventoryEventsRelay,
          inject: [InventoryDatabase, LOGGER, ServiceMetrics],
          useFactory: (db: InventoryDatabase, logger: Logger, metrics: ServiceMetrics) =>
            new InventoryEventsRelay(
              db,
              config.KAFKA_BROKERS,
              `${config.SERVICE_NAME}-outbox`,
              logger,
              metrics,
            ),
        },
      ],
      exports: [INVENTORY_CONFIG, InventoryDatabase, InventoryEventsRelay],
    };
  }
}
