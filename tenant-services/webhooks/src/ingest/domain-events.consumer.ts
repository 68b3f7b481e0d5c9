import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  OrderCancelled,
  OrderPaid,
  OrderPlaced,
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  PayoutFailed,
  PayoutPaid,
  RefundCreated,
  RefundSucceeded,
  ReviewPublished,
  SellerOrderShipped,
  StockLow,
} from '@marketplace/contracts';
import { type AnyEventDefinition, EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { MySqlDb } from '@marketplace/tenancy';
import * as translate from './domain-events';
import type { IngestService } from './ingest.service';

/** Which domain event becomes which webhook events (see domain-events.ts). */
const SOURCES: readonly WebhookSource<AnyEventDefinition>[] = [
  source(productCreatedV1, translate.translateProductCreated),
  source(productUpdatedV1, translate.translateProductUpdated),
  source(productPublishedV1, translate.translateProductPublished),
  source(productArchivedV1, translate.translateProductArchived),
  source(productRemovedV1, translate.translateProductRemoved),
  source(StockLow, translate.translateStockLow),
  source(OrderPlaced, translate.translateOrderPlaced),
  source(OrderPaid, translate.translateOrderPaid),
  source(OrderCancelled, translate.translateOrderCancelled),
  source(SellerOrderShipped, translate.translateOrderShipped),
  source(RefundCreated, translate.translateRefundCreated),
  source(RefundSucceeded, translate.translateRefundSucceeded),
  source(PayoutPaid, translate.translatePayoutPaid),
  source(PayoutFailed, translate.translatePayoutFailed),
  source(ReviewPublished, translate.translateReviewPublished),
];

interface WebhookSource<D extends AnyEventDefinition> {
  definition: D;
  translate: translate.Translate<D>;
}

function source<D extends AnyEventDefinition>(
  definition: D,
  translator: translate.Translate<D>,
): WebhookSource<AnyEventDefinition> {
  return { definition, translate: translator as unknown as translate.Translate<AnyEventDefinition> };
}

/**
 * The domain topics webhooks are made of, read by one consumer group with exactly-once effects (processed_events).
 * With `batch`, what arrived together is ingested in one transaction (ADR 0051); a failing batch falls back to the
 * handlers of one event each.
 */
export function domainEventsConsumer(options: EventConsumerOptions, ingest: IngestService): EventConsumer {
  const consumer = new EventConsumer(options);
  const translators = new Map(SOURCES.map((source) => [source.definition, source.translate]));
  for (const [definition, translator] of translators)
    consumer.handle(definition, async (event, { tx: eventTx }) => {
      // The consumer's transaction is this service's drizzle mysql2 transaction, typed without our schema.
      const tx = eventTx as MySqlDb;
      await ingest.record(tx, await translator(event, tx));
    });
  if (options.batch)
    consumer.handleBatch(async (items, eventTx) => {
      const tx = eventTx as MySqlDb;
      const drafts = [];
      // In arrival order: translators may read what an earlier event of the batch wrote (order routes).
      for (const { event, definition } of items)
        drafts.push(...(await translators.get(definition)!(event, tx)));
      await ingest.record(tx, drafts);
    });
  return consumer;
}

/** Runs the consumer while the service runs. */
export class DomainEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly consumer: EventConsumer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
