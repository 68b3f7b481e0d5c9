import { Module } from '@nestjs/common';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { WebhooksConfig } from '../config';
import { WEBHOOKS_CONFIG } from '../config.token';
import { DeliveryModule } from '../delivery/delivery.module';
import { DomainEventsConsumer, domainEventsConsumer } from './domain-events.consumer';
import { IngestService } from './ingest.service';

@Module({
  imports: [DeliveryModule],
  providers: [
    IngestService,
    {
      provide: DomainEventsConsumer,
      inject: [WEBHOOKS_CONFIG, MySqlDatabase, IngestService, LOGGER],
      useFactory: (config: WebhooksConfig, database: MySqlDatabase, ingest: IngestService, logger: Logger) =>
        new DomainEventsConsumer(
          domainEventsConsumer(
            {
              brokers: config.KAFKA_BROKERS,
              clientId: `${config.SERVICE_NAME}-domain-events`,
              groupId: config.WEBHOOK_EVENTS_GROUP,
              startFrom: config.WEBHOOK_EVENTS_START_FROM,
              batch: { maxMessages: config.WEBHOOK_INGEST_BATCH },
              db: database.db,
              logger,
            },
            ingest,
          ),
        ),
    },
  ],
  exports: [IngestService],
})
export class IngestModule {}
