import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventConsumer } from '@marketplace/events';
import type { ServiceMetrics } from '@marketplace/observability';
import type { ReadinessChecks } from './readiness-checks';

// Any consumer, whatever its handlers' transaction type.
type AnyConsumer = Pick<EventConsumer<unknown>, 'status' | 'lag'>;

const reported = new WeakMap<ServiceMetrics, AnyConsumer[]>();

export interface ConsumerReadiness {
  /**
   * The service keeps answering while these consumers re-join (they feed a cache it can read through): reported
   * as `degraded`, never taking the replica out of load balancing.
   */
  degraded?: boolean;
}

/**
 * Shows each consumer's supervision in readiness (`consumer:<group>` is down while it re-joins after a failed
 * stream) and in metrics: `event_consumer_up`, `event_consumer_restarts`, `event_consumer_dead_lettered` and
 * `event_consumer_lag_messages`, by group.
 */
export function reportEventConsumers(
  consumers: readonly AnyConsumer[],
  readiness: ReadinessChecks,
  metrics: ServiceMetrics,
  options: ConsumerReadiness = {},
): void {
  for (const consumer of consumers) {
    const { groupId } = consumer.status();
    const add = options.degraded ? readiness.addDegraded.bind(readiness) : readiness.add.bind(readiness);
    add(`consumer:${groupId}`, () => {
      const status = consumer.status();
      if (status.state !== 'running')
        throw new Error(
          `consumer ${groupId} is ${status.state}${status.lastError ? `: ${status.lastError}` : ''}`,
        );
    });
  }
  const known = reported.get(metrics);
  if (known) {
    known.push(...consumers);
    return;
  }
  const all = [...consumers];
  reported.set(metrics, all);
  metrics.gauge({
    name: 'event_consumer_up',
    help: '1 while the consumer group member consumes, 0 while it re-joins after its stream failed or is stopped.',
    labelNames: ['group'],
    collect: (gauge) => {
      for (const consumer of all) {
        const { groupId, state } = consumer.status();
        gauge.set({ group: groupId }, state === 'running' ? 1 : 0);
      }
    },
  });
  metrics.gauge({
    name: 'event_consumer_restarts',
    help: 'Times the consumer re-joined its group after its message stream failed, since the process started.',
    labelNames: ['group'],
    collect: (gauge) => {
      for (const consumer of all) gauge.set({ group: consumer.status().groupId }, consumer.status().restarts);
    },
  });
  metrics.gauge({
    name: 'event_consumer_dead_lettered',
    help: 'Messages this consumer moved to the dead-letter topic (<topic>.dlq) since the process started.',
    labelNames: ['group'],
    collect: (gauge) => {
      for (const consumer of all)
        gauge.set({ group: consumer.status().groupId }, consumer.status().deadLettered);
    },
  });
  metrics.gauge({
    name: 'event_consumer_lag_messages',
    help: 'Messages of the assigned partitions not yet committed by this consumer.',
    labelNames: ['group'],
    collect: async (gauge) => {
      for (const consumer of all) {
        const lag = await consumer.lag().catch(() => undefined);
        if (lag !== undefined) gauge.set({ group: consumer.status().groupId }, lag);
      }
    },
  });
}

/** Runs a service's Kafka consumers while the service runs, reported as `reportEventConsumers` does. */
export class SupervisedEventConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly consumers: readonly Pick<EventConsumer<unknown>, 'status' | 'lag' | 'start' | 'stop'>[],
    readiness: ReadinessChecks,
    metrics: ServiceMetrics,
    options: ConsumerReadiness = {},
  ) {
    reportEventConsumers(consumers, readiness, metrics, options);
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}
