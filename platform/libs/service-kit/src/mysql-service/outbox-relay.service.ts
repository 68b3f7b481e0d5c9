import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { KafkaBrokerProbe, OutboxRelay } from '@marketplace/events';
import { DependencyProbe, type Logger, type ServiceMetrics } from '@marketplace/observability';
import type { ReadinessChecks } from '../readiness-checks';
import type { MySqlDatabase } from './mysql-database';

export interface OutboxRelayServiceOptions {
  brokers: string[];
  clientId: string;
  /** Polling between commits that wake the relay: a safety net (`OUTBOX_IDLE_POLL_MS`). */
  idlePollMs: number;
}

/**
 * Publishes the service's MySQL outbox to Kafka while the service runs — woken by each commit that enqueued events
 * (the database's transactions report them, ADR 0056), polling only as a safety net — and reports its depth and parked rows, and
 * Kafka's reachability as a degraded readiness check (`kafka`): writes keep succeeding into the outbox meanwhile.
 */
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay: OutboxRelay;
  private readonly broker: KafkaBrokerProbe;

  constructor(
    database: MySqlDatabase,
    options: OutboxRelayServiceOptions,
    logger: Logger,
    metrics: ServiceMetrics,
    readiness: ReadinessChecks,
  ) {
    this.relay = new OutboxRelay({
      db: database.db,
      brokers: options.brokers,
      clientId: options.clientId,
      pollIntervalMs: options.idlePollMs,
      logger,
    });
    metrics.trackOutboxDepth(() => this.relay.depth());
    metrics.trackOutboxParked(() => this.relay.parked());
    this.broker = new KafkaBrokerProbe({ brokers: options.brokers, clientId: `${options.clientId}-probe` });
    readiness.addDegraded('kafka', new DependencyProbe('kafka', (signal) => this.broker.probe(signal)).check);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /** Before the database closes; events written by requests still in flight are published after the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.broker.close();
  }
}
