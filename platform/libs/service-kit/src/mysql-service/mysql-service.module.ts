import { type DynamicModule, Module } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import type { MySqlServiceConfig } from '../service-settings';
import { storeServiceModule } from '../store-service-module';
import { MySqlDatabase } from './mysql-database';
import { OutboxRelayService } from './outbox-relay.service';

export interface MySqlServiceOptions {
  /** The service's drizzle-kit SQL migrations, applied at start. */
  migrationsFolder: string;
}

/**
 * Everything a MySQL service runs on, imported once by its root module: the platform module (logs, metrics,
 * health with a MySQL readiness check, auth), the federated subgraph, and — injectable everywhere — its
 * migrated `MySqlDatabase` and the `OutboxRelayService` publishing its outbox to Kafka.
 */
@Module({})
export class MySqlServiceModule {
  static forRoot(config: MySqlServiceConfig, options: MySqlServiceOptions): DynamicModule {
    const database = MySqlDatabase.fromConfig(config, options.migrationsFolder);
    return storeServiceModule(MySqlServiceModule, config, {
      readinessChecks: { mysql: () => database.ping() },
      providers: [
        { provide: MySqlDatabase, useFactory: () => database.open() },
        {
          provide: OutboxRelayService,
          inject: [MySqlDatabase, LOGGER, ServiceMetrics],
          useFactory: (opened: MySqlDatabase, logger: Logger, metrics: ServiceMetrics) =>
            new OutboxRelayService(
              opened,
              { brokers: config.KAFKA_BROKERS, clientId: `${config.SERVICE_NAME}-outbox` },
              logger,
              metrics,
            ),
        },
      ],
      exports: [MySqlDatabase, OutboxRelayService],
    });
  }
}
