import { Global, Module } from '@nestjs/common';
import { LOGGER, ServiceMetrics, type Logger } from '@marketplace/observability';
import { MySqlDatabase, ReadinessChecks, SupervisedEventConsumers } from '@marketplace/service-kit';
import type { PaymentsConfig } from '../config';
import { PAYMENTS_CONFIG } from '../config.token';
import { tenantEventsConsumer } from './tenant-events.consumer';
import { TenantStatuses } from './tenant-statuses.repository';

/** Tenant statuses from the tenants service's events; the consumer runs while the service runs. */
@Global()
@Module({
  providers: [
    TenantStatuses,
    {
      provide: SupervisedEventConsumers,
      inject: [PAYMENTS_CONFIG, MySqlDatabase, LOGGER, ReadinessChecks, ServiceMetrics],
      useFactory: (
        config: PaymentsConfig,
        database: MySqlDatabase,
        logger: Logger,
        readiness: ReadinessChecks,
        metrics: ServiceMetrics,
      ) =>
        new SupervisedEventConsumers(
          [
            tenantEventsConsumer({
              brokers: config.KAFKA_BROKERS,
              db: database.db,
              logger,
              clientId: `${config.SERVICE_NAME}-tenants`,
              groupId: config.TENANT_EVENTS_GROUP,
            }),
          ],
          readiness,
          metrics,
        ),
    },
  ],
  exports: [TenantStatuses],
})
export class TenantsModule {}
