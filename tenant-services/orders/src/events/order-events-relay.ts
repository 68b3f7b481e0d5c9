import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '@marketplace/events';
import { type Logger, type ServiceMetrics } from '@marketplace/observability';
import type { OrdersDatabase } from '../database/orders-database';

/** Publishes this service's outbox to Kafka while the service runs. */
export class OrderEventsRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    database: OrdersDatabase,
    brokers: string[],
    clientId: string,
    logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.relay = new OutboxRelay({ db: database.db, brokers, clientId, logger });
    metrics.trackOutboxDepth(() => this.relay.depth());
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** Publishes without waiting for the next poll; call after a transaction that enqueued events committed. */
  notify(): void {
    this.relay.notify();
  }
}
