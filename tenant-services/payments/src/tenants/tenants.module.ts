import {
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EventConsumer } from '@marketplace/events';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { PaymentsConfig } from '../config';
import { PAYMENTS_CONFIG } from '../config.token';
import { tenantEventsConsumer } from './tenant-events.consumer';
import { TenantStatuses } from './tenant-statuses.repository';

const TENANT_EVENTS_CONSUMER = Symbol('TENANT_EVENTS_CONSUMER');

/** Tenant statuses from the tenants service's events; the consumer runs while the service runs. */
@Global()
@Module({
  providers: [
    TenantStatuses,
    {
      provide: TENANT_EVENTS_CONSUMER,
      inject: [PAYMENTS_CONFIG, MySqlDatabase, LOGGER],
      useFactory: (config: PaymentsConfig, database: MySqlDatabase, logger: Logger) =>
        tenantEventsConsumer({
          brokers: config.KAFKA_BROKERS,
          db: database.db,
          logger,
          clientId: `${config.SERVICE_NAME}-tenants`,
          groupId: config.TENANT_EVENTS_GROUP,
        }),
    },
  ],
  exports: [TenantStatuses],
})
export class TenantsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(TENANT_EVENTS_CONSUMER) private readonly consumer: EventConsumer) {}

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}
