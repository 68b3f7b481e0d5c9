import { Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventConsumer } from '@marketplace/events';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { TenantsConfig } from '../config';
import { TENANTS_CONFIG } from '../infrastructure.module';
import { auditLogConsumer } from './audit-log.consumer';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';

/** Runs the audit topic's consumer while the service runs. */
class AuditLogCollector implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly consumer: EventConsumer) {}

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}

/** The platform's audit trail: collected from every service's audit.recorded events, read by platform admins. */
@Module({
  providers: [
    AuditLogRepository,
    AuditLogService,
    AuditLogResolver,
    {
      provide: AuditLogCollector,
      inject: [TENANTS_CONFIG, MySqlDatabase, LOGGER],
      useFactory: (config: TenantsConfig, database: MySqlDatabase, logger: Logger) =>
        new AuditLogCollector(
          auditLogConsumer({
            brokers: config.KAFKA_BROKERS,
            db: database.db,
            logger,
            clientId: `${config.SERVICE_NAME}-audit`,
            groupId: config.AUDIT_EVENTS_GROUP,
          }),
        ),
    },
  ],
})
export class AuditModule {}
