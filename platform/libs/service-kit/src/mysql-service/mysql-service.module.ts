import { type DynamicModule, Module } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import { redisParts, RedisShutdown } from '../redis-service/redis-service.module';
import type { MySqlServiceConfig, RedisServiceConfig } from '../service-settings';
import { ReadinessChecks } from '../readiness-checks';
import { storeServiceModule, type StoreServiceParts } from '../store-service-module';
import type { OwnTenantStatusLookup } from '../tenant-status/tenant-status.providers';
import { MySqlDatabase } from './mysql-database';
import { OutboxRelayService } from './outbox-relay.service';

export interface MySqlServiceOptions {
  /** The service's drizzle-kit SQL migrations, applied at start. */
  migrationsFolder: string;
  /** The tenants service's own tenant-status lookup (it reads its table instead of asking itself). */
  tenantStatusLookup?: OwnTenantStatusLookup;
}

function mySqlParts(config: MySqlServiceConfig, options: MySqlServiceOptions): StoreServiceParts {
  const database = MySqlDatabase.fromConfig(config, options.migrationsFolder);
  return {
    readinessChecks: { mysql: () => database.ping() },
    providers: [
      { provide: MySqlDatabase, useFactory: () => database.open() },
      {
        provide: OutboxRelayService,
        inject: [MySqlDatabase, LOGGER, ServiceMetrics, ReadinessChecks],
        useFactory: (
          opened: MySqlDatabase,
          logger: Logger,
          metrics: ServiceMetrics,
          readiness: ReadinessChecks,
        ) =>
          new OutboxRelayService(
            opened,
            {
              brokers: config.KAFKA_BROKERS,
              clientId: `${config.SERVICE_NAME}-outbox`,
              idlePollMs: config.OUTBOX_IDLE_POLL_MS,
            },
            logger,
            metrics,
            readiness,
          ),
      },
    ],
    exports: [MySqlDatabase, OutboxRelayService],
    ...(options.tenantStatusLookup ? { tenantStatusLookup: options.tenantStatusLookup } : {}),
  };
}

/**
 * Everything a MySQL service runs on, imported once by its root module: the platform module (logs, metrics,
 * health with a MySQL readiness check, auth), the federated subgraph, and — injectable everywhere — its
 * migrated `MySqlDatabase` and the `OutboxRelayService` publishing its outbox to Kafka.
 */
@Module({})
export class MySqlServiceModule {
  static forRoot(config: MySqlServiceConfig, options: MySqlServiceOptions): DynamicModule {
    return storeServiceModule(MySqlServiceModule, config, mySqlParts(config, options));
  }
}

/**
 * A MySQL service that also keeps short-lived state in Redis (notifications: stream tickets, live fan-out):
 * everything `MySqlServiceModule` brings, plus the `Redis` client of `RedisServiceModule`, both in readiness.
 */
@Module({})
export class MySqlRedisServiceModule extends RedisShutdown {
  static forRoot(
    config: MySqlServiceConfig & Pick<RedisServiceConfig, 'REDIS_URL'>,
    options: MySqlServiceOptions,
  ): DynamicModule {
    const mysql = mySqlParts(config, options);
    const redis = redisParts(config);
    return storeServiceModule(MySqlRedisServiceModule, config, {
      readinessChecks: { ...mysql.readinessChecks, ...redis.readinessChecks },
      providers: [...mysql.providers, ...redis.providers],
      exports: [...mysql.exports, ...redis.exports],
    });
  }
}
