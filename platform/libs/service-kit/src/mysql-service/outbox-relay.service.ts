import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay } from '@marketplace/events';
import type { Logger, ServiceMetrics } from '@marketplace/observability';
import type { MySqlDatabase } from './mysql-database';

export interface OutboxRelayServiceOptions {
  brokers: string[];
  clientId: string;
}

/** Publishes the service's MySQL outbox to Kafka while the service runs, and reports its depth and parked rows. */
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    database: MySqlDatabase,
    options: OutboxRelayServiceOptions,
    logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.relay = new OutboxRelay({
      db: database.db,
      brokers: options.brokers,
      clientId: options.clientId,
      logger,
    });
    metrics.trackOutboxDepth(() => this.relay.depth());
    metrics.trackOutboxParked(() => this.relay.parked());
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /** Before the database closes; events written by requests still in flight are published after the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** Publishes without waiting for the next poll; call after a transaction that enqueued events committed. */
  notify(): void {
    this.relay.notify();
  }
}
