import { EventHeaders, type EventsLogger, type RawEnvelope } from '@marketplace/events';
import { CrossTenantCollection, runWithContext } from '@marketplace/tenancy';
import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import type { CatalogDatabase } from '../database/catalog-database';
import type { PendingEvent, ProductDocument } from '../products/product.document';

export interface ProductOutboxRelayOptions {
  brokers: string[];
  clientId: string;
  logger: EventsLogger;
  /** Products published per pass. Default 50. */
  batchSize?: number;
  /** Idle polling interval. Default 200 ms. */
  pollIntervalMs?: number;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Publishes the events waiting in products' own outboxes (ADR 0004), in order per product, then clears
 * the outbox if the product has not been written since it was read (same `rev`); otherwise the next pass
 * publishes again — delivery is at least once and consumers dedupe by event id. Tombstones of deleted
 * products are dropped once their events are out. The events library's relay is MySQL-only, hence this one.
 */
export class ProductOutboxRelay {
  private readonly products: CrossTenantCollection<ProductDocument>;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private producer: Producer<string, string, string, string> | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;

  constructor(
    database: CatalogDatabase,
    private readonly options: ProductOutboxRelayOptions,
  ) {
    this.products = new CrossTenantCollection(database.rawProducts);
    this.batchSize = options.batchSize ?? 50;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
    await this.producer?.close().catch(() => undefined);
    this.producer = undefined;
  }

  /** One pass over products with pending events; returns how many products were published. */
  async publishPending(): Promise<number> {
    return runWithContext({ userId: 'catalog-outbox-relay', crossTenant: true }, async () => {
      const pending = await this.products.find({ hasPendingEvents: true }, { limit: this.batchSize });
      for (const product of pending) await this.publishProduct(product);
      return pending.length;
    });
  }

  private async publishProduct(product: ProductDocument): Promise<void> {
    if (product.outbox.length > 0) {
      await this.producerOf().send({ messages: product.outbox.map(toKafkaMessage) });
    }
    const scope = { tenantId: product.tenantId };
    await this.products.updateMany(
      { _id: product._id, rev: product.rev },
      { $set: { outbox: [], hasPendingEvents: false } },
      scope,
    );
    if (product.deletedAt) {
      await this.products.deleteMany({ _id: product._id, rev: product.rev, hasPendingEvents: false }, scope);
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let published = 0;
      try {
        published = await this.publishPending();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.error({ err: error, failures }, 'catalog outbox relay pass failed');
      }
      if (published < this.batchSize || failures > 0) {
        const delay =
          failures > 0 ? Math.min(MAX_BACKOFF_MS, this.pollIntervalMs * 2 ** failures) : this.pollIntervalMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private producerOf(): Producer<string, string, string, string> {
    this.producer ??= new Producer({
      clientId: this.options.clientId,
      bootstrapBrokers: this.options.brokers,
      serializers: stringSerializers,
      acks: ProduceAcks.ALL,
      autocreateTopics: true,
      retries: 0,
      timeout: 5000,
    });
    return this.producer;
  }
}

function toKafkaMessage(event: PendingEvent) {
  const envelope = JSON.parse(event.envelope) as RawEnvelope;
  const headers: Record<string, string> = {
    [EventHeaders.eventId]: envelope.id,
    [EventHeaders.eventType]: envelope.type,
    [EventHeaders.eventVersion]: String(envelope.version),
    [EventHeaders.traceId]: envelope.traceId,
  };
  if (envelope.tenantId) headers[EventHeaders.tenantId] = envelope.tenantId;
  return { topic: event.topic, key: event.key, value: event.envelope, headers };
}
