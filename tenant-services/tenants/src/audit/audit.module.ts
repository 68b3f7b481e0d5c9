import { Module } from '@nestjs/common';
import { LOGGER, ServiceMetrics, type Logger } from '@marketplace/observability';
import { MySqlDatabase, ReadinessChecks, SupervisedEventConsumers } from '@marketplace/service-kit';
import type { TenantsConfig } from '../config';
import { TENANTS_CONFIG } from '../infrastructure.module';
import { auditLogConsumer } from './audit-log.consumer';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';

/** The platform's audit trail: collected from every service's audit.recorded events, read by platform admins. */
@Module({
  providers: [
    AuditLogRepository,
    AuditLogService,
    AuditLogResolver,
    {
      // The audit topic's consumer runs while the service runs.
      provide: SupervisedEventConsumers,
      inject: [TENANTS_CONFIG, MySqlDatabase, LOGGER, ReadinessChecks, ServiceMetrics],
      useFactory: (
        config: TenantsConfig,
        database: MySqlDatabase,
        logger: Logger,
        readiness: ReadinessChecks,
        metrics: ServiceMetrics,
      ) =>
        new SupervisedEventConsumers(
          [
            auditLogConsumer({
              brokers: config.KAFKA_BROKERS,
              db: database.db,
              logger,
              clientId: `${config.SERVICE_NAME}-audit`,
              groupId: config.AUDIT_EVENTS_GROUP,
            }),
          ],
          readiness,
          metrics,
        ),
    },
  ],
})
export class AuditModule {}
