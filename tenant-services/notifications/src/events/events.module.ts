import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventConsumer } from '@marketplace/events';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../infrastructure.module';
import { LiveModule } from '../live/live.module';
import { notificationEventsConsumer, stockEventsConsumer } from './notification-events.consumer';
import { Notifier } from './notifier';

const NOTIFICATION_EVENTS = Symbol('NOTIFICATION_EVENTS');
const STOCK_EVENTS = Symbol('STOCK_EVENTS');

/** Consumes the platform's events while the service runs. */
class NotificationEventsRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: EventConsumer<unknown>[];

  constructor(
    @Inject(NOTIFICATION_EVENTS) notifications: EventConsumer,
    @Inject(STOCK_EVENTS) stock: EventConsumer<undefined>,
  ) {
    this.consumers = [notifications, stock] as EventConsumer<unknown>[];
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}

@Module({
  imports: [LiveModule],
  providers: [
    Notifier,
    {
      provide: NOTIFICATION_EVENTS,
      inject: [NOTIFICATIONS_CONFIG, MySqlDatabase, Notifier, LOGGER],
      useFactory: (
        config: NotificationsConfig,
        database: MySqlDatabase,
        notifier: Notifier,
        logger: Logger,
      ) =>
        notificationEventsConsumer(
          {
            brokers: config.KAFKA_BROKERS,
            clientId: config.SERVICE_NAME,
            groupId: config.EVENTS_GROUP,
            db: database.db,
            logger: logger.child({ component: 'notification-events' }),
          },
          notifier,
        ),
    },
    {
      provide: STOCK_EVENTS,
      inject: [NOTIFICATIONS_CONFIG, Notifier, LOGGER],
      useFactory: (config: NotificationsConfig, notifier: Notifier, logger: Logger) =>
        stockEventsConsumer(
          {
            brokers: config.KAFKA_BROKERS,
            clientId: `${config.SERVICE_NAME}-stock`,
            groupId: `${config.EVENTS_GROUP}.stock`,
            logger: logger.child({ component: 'stock-events' }),
          },
          notifier,
        ),
    },
    NotificationEventsRunner,
  ],
})
export class EventsModule {}
