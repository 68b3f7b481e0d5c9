import { type DynamicModule, type InjectionToken, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { OffboardingService } from '@marketplace/contracts';
import {
  DocumentOutboxRelay,
  KafkaSender,
  MongoProcessedEvents,
  type MySqlDb,
  repeatableHandlers,
} from '@marketplace/events';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import {
  MongoDatabase,
  MySqlDatabase,
  ReadinessChecks,
  SupervisedEventConsumers,
} from '@marketplace/service-kit';
import { type MySqlTenantDataOptions, mySqlTenantData } from '../mysql-tenant-data';
import { mongoTenantData } from '../mongo-tenant-data';
import { OffboardingObjects } from '../offboarding-objects';
import {
  type Confirm,
  confirmThroughKafka,
  confirmThroughOutbox,
  mongoReceipts,
  offboardingParticipant,
} from '../participant';
import type { OffboardingConfig, OffboardingConsumerConfig } from '../settings';
import { combinedStores, type TenantDataStore } from '../tenant-data';

/** The bucket offboarding writes export parts to (and deletes a tenant's objects from). */
export const OFFBOARDING_OBJECTS = Symbol('OFFBOARDING_OBJECTS');

export interface MySqlOffboardingOptions {
  service: OffboardingService;
  /** Kept and anonymized tables (ADR 0038), columns never exported. */
  tables?: MySqlTenantDataOptions;
  /** The service's other stores (Redis keys, S3 objects), built from injected providers. */
  extraStores?: { inject: InjectionToken[]; build: (...deps: never[]) => TenantDataStore<MySqlDb>[] };
}

export interface MongoOffboardingOptions {
  service: OffboardingService;
  omitFromExport?: readonly string[];
  extraStores?: { inject: InjectionToken[]; build: (...deps: never[]) => TenantDataStore<unknown>[] };
}

export interface RedisOffboardingOptions {
  service: OffboardingService;
  /**
   * What the service erases, built from injected providers. A Redis-only service holds short-lived state and
   * copies of other services' data, so its part of an export is empty.
   */
  stores: { inject: InjectionToken[]; build: (...deps: never[]) => TenantDataStore<unknown>[] };
}

/** Closes the producer a Redis-only service confirms through, with the application. */
class ConfirmationSender implements OnApplicationShutdown {
  constructor(readonly sender: KafkaSender) {}
  onApplicationShutdown(): Promise<void> {
    return this.sender.close();
  }
}

/** Stops the receipts relay of a MongoDB service with the application. */
class ReceiptsRelay implements OnApplicationShutdown {
  constructor(
    readonly relay: DocumentOutboxRelay,
    readonly confirm: Confirm<undefined>,
  ) {}
  onApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

/** The offboarding consumer's connection, group and start, the same for every kind of participant. */
const consumerOptions = (config: OffboardingConsumerConfig, logger: Logger) => ({
  brokers: config.KAFKA_BROKERS,
  logger,
  clientId: `${config.SERVICE_NAME}-offboarding`,
  groupId: config.OFFBOARDING_EVENTS_GROUP,
  startFrom: config.OFFBOARDING_EVENTS_START_FROM,
});

const objectsProvider = (config: OffboardingConfig) => ({
  provide: OFFBOARDING_OBJECTS,
  useFactory: () => OffboardingObjects.fromSettings(config),
});

/**
 * A service's part of tenant offboarding (ADR 0038): its consumer of `tenants.offboarding.v1`, run and reported
 * like the service's other consumers. MySQL services confirm through their outbox in the erasing transaction;
 * MongoDB services through receipt documents published by their own document-outbox relay.
 */
@Module({})
export class OffboardingModule {
  static forMySql(config: OffboardingConfig, options: MySqlOffboardingOptions): DynamicModule {
    if (!config.OFFBOARDING_PARTICIPANT) return OffboardingModule.bucketOnly(config);
    const extra = options.extraStores ?? { inject: [], build: () => [] };
    return {
      module: OffboardingModule,
      providers: [
        objectsProvider(config),
        {
          provide: SupervisedEventConsumers,
          inject: [
            MySqlDatabase,
            OFFBOARDING_OBJECTS,
            LOGGER,
            ReadinessChecks,
            ServiceMetrics,
            ...extra.inject,
          ],
          useFactory: (
            database: MySqlDatabase,
            objects: OffboardingObjects,
            logger: Logger,
            readiness: ReadinessChecks,
            metrics: ServiceMetrics,
            ...deps: never[]
          ) =>
            new SupervisedEventConsumers(
              [
                offboardingParticipant<MySqlDb>({
                  service: options.service,
                  // The other stores first: they may read the rows (e.g. API clients) the MySQL erasure removes.
                  store: combinedStores<MySqlDb>(...extra.build(...deps), mySqlTenantData(options.tables)),
                  objects,
                  consumer: { ...consumerOptions(config, logger), db: database.db },
                  // The consumer's transaction on the service's database wakes the relay once it committed.
                  confirm: confirmThroughOutbox,
                }),
              ],
              readiness,
              metrics,
            ),
        },
      ],
      exports: [OFFBOARDING_OBJECTS],
    };
  }

  static forMongo(config: OffboardingConfig, options: MongoOffboardingOptions): DynamicModule {
    if (!config.OFFBOARDING_PARTICIPANT) return OffboardingModule.bucketOnly(config);
    const extra = options.extraStores ?? { inject: [], build: () => [] };
    return {
      module: OffboardingModule,
      providers: [
        objectsProvider(config),
        {
          provide: ReceiptsRelay,
          inject: [MongoDatabase, LOGGER],
          useFactory: async (database: MongoDatabase, logger: Logger) => {
            const receipts = await mongoReceipts(database.db);
            const relay = new DocumentOutboxRelay({
              collections: [receipts.collection],
              sender: new KafkaSender({
                brokers: config.KAFKA_BROKERS,
                clientId: `${config.SERVICE_NAME}-offboarding-outbox`,
              }),
              logger,
            });
            relay.start();
            return new ReceiptsRelay(relay, receipts.confirm);
          },
        },
        {
          provide: SupervisedEventConsumers,
          inject: [
            MongoDatabase,
            ReceiptsRelay,
            OFFBOARDING_OBJECTS,
            LOGGER,
            ReadinessChecks,
            ServiceMetrics,
            ...extra.inject,
          ],
          useFactory: async (
            database: MongoDatabase,
            receipts: ReceiptsRelay,
            objects: OffboardingObjects,
            logger: Logger,
            readiness: ReadinessChecks,
            metrics: ServiceMetrics,
            ...deps: never[]
          ) =>
            new SupervisedEventConsumers(
              [
                offboardingParticipant<undefined>({
                  service: options.service,
                  store: combinedStores(
                    mongoTenantData(database.db, { omitFromExport: options.omitFromExport ?? [] }),
                    ...extra.build(...deps),
                  ),
                  objects,
                  consumer: {
                    ...consumerOptions(config, logger),
                    processedEvents: await MongoProcessedEvents.open(database.db),
                  },
                  confirm: receipts.confirm,
                  confirmed: () => receipts.relay.notify(),
                }),
              ],
              readiness,
              metrics,
            ),
        },
      ],
      exports: [OFFBOARDING_OBJECTS],
    };
  }

  /**
   * A service whose only store is Redis: its stores erase (they export nothing, so it needs no bucket), the
   * confirmation is sent straight to Kafka once they did (`confirmThroughKafka`), and no record of handled requests
   * is kept because erasing again changes nothing.
   */
  static forRedis(config: OffboardingConsumerConfig, options: RedisOffboardingOptions): DynamicModule {
    if (!config.OFFBOARDING_PARTICIPANT) return { module: OffboardingModule };
    return {
      module: OffboardingModule,
      providers: [
        {
          provide: ConfirmationSender,
          useFactory: () =>
            new ConfirmationSender(
              new KafkaSender({
                brokers: config.KAFKA_BROKERS,
                clientId: `${config.SERVICE_NAME}-offboarding-confirmations`,
              }),
            ),
        },
        {
          provide: SupervisedEventConsumers,
          inject: [ConfirmationSender, LOGGER, ReadinessChecks, ServiceMetrics, ...options.stores.inject],
          useFactory: (
            confirmations: ConfirmationSender,
            logger: Logger,
            readiness: ReadinessChecks,
            metrics: ServiceMetrics,
            ...deps: never[]
          ) =>
            new SupervisedEventConsumers(
              [
                offboardingParticipant<undefined>({
                  service: options.service,
                  store: combinedStores(...options.stores.build(...deps)),
                  consumer: { ...consumerOptions(config, logger), processedEvents: repeatableHandlers },
                  confirm: confirmThroughKafka(confirmations.sender),
                }),
              ],
              readiness,
              metrics,
            ),
        },
      ],
    };
  }

  /** A process that takes no part in offboarding (OFFBOARDING_PARTICIPANT=false) still has the bucket. */
  private static bucketOnly(config: OffboardingConfig): DynamicModule {
    return {
      module: OffboardingModule,
      providers: [objectsProvider(config)],
      exports: [OFFBOARDING_OBJECTS],
    };
  }
}
