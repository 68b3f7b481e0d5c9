import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventConsumer } from '@marketplace/events';

/** Runs the service's Kafka consumers while the service runs. */
export class OrderEventConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly consumers: EventConsumer[]) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}
