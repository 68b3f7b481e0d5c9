import {
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  type ProductSnapshot,
} from '@marketplace/contracts';
import {
  EventConsumer,
  type EventConsumerOptions,
  type EventEnvelope,
  NonRetryableEventError,
  repeatableHandlers,
} from '@marketplace/events';
import { onTenantStatusEvents } from '@marketplace/service-kit';
import type { CatalogProduct } from '../catalog.client';
import type { ApplyOutcome, ProductProjection, ProjectedEntry } from './product-projection';

/**
 * The projection's consumers keep no record of handled events (`repeatableHandlers`): applying an event again
 * changes nothing (product entries by revision, statuses by time).
 */
type ConsumerOptions = Omit<EventConsumerOptions<undefined>, 'processedEvents' | 'startFrom' | 'concurrency'>;

/** Messages of different products (tenants) applied side by side; each one's in order (ADR 0035). */
const CONCURRENCY = 16;

/** The buyer-facing part of a product as the event carries it, in the catalog's GraphQL spelling. */
export function cartProductOf(snapshot: ProductSnapshot, inStock: boolean): CatalogProduct {
  return {
    id: snapshot.productId,
    tenantId: snapshot.tenantId,
    title: snapshot.title,
    status: snapshot.status.toUpperCase(),
    moderation: snapshot.moderation.toUpperCase(),
    currency: snapshot.currency,
    inStock,
    categoryId: snapshot.categoryId,
    variants: snapshot.variants.map(({ variantId, sku, priceMinor }) => ({ id: variantId, sku, priceMinor })),
  };
}

/** The entry a product event leaves, or undefined for an event without the product's state (forget the entry). */
export function entryOf(
  event: EventEnvelope<string, number, ProductSnapshot & { reason?: string }>,
): ProjectedEntry | undefined {
  const snapshot = event.payload;
  // A product leaves for good: with no revision to order it by, its tombstone outranks every later delivery.
  if (event.type === productRemovedV1.type)
    return {
      tenantId: snapshot.tenantId,
      revision: snapshot.state?.revision ?? Number.MAX_SAFE_INTEGER,
      product: null,
    };
  if (!snapshot.state) return undefined;
  return {
    tenantId: snapshot.tenantId,
    revision: snapshot.state.revision,
    product: cartProductOf(snapshot, snapshot.state.inStock),
  };
}

/**
 * Feeds the projection from `catalog.product.v1`. The group is shared by the cart's replicas (they share the
 * projection in Redis) and a new group starts at the latest offset: a product never seen is read through from the
 * catalog on its first use. A product event names its tenant in the envelope and the payload; they must agree,
 * and an entry of another tenant is never touched (dead-lettered instead).
 */
export function productEventsConsumer(
  options: ConsumerOptions,
  projection: ProductProjection,
): EventConsumer<undefined> {
  const consumer = new EventConsumer<undefined>({
    ...options,
    processedEvents: repeatableHandlers,
    startFrom: 'latest',
    concurrency: CONCURRENCY,
  });
  const apply = async (event: EventEnvelope<string, number, ProductSnapshot & { reason?: string }>) => {
    const { productId, tenantId } = event.payload;
    if (event.tenantId !== tenantId)
      throw new NonRetryableEventError(
        `product event ${event.id} names tenant ${event.tenantId ?? 'none'} but carries a product of ${tenantId}`,
      );
    const entry = entryOf(event);
    const outcome: ApplyOutcome = entry
      ? await projection.apply(productId, entry)
      : await projection.forget(productId, tenantId);
    if (outcome === 'foreign')
      throw new NonRetryableEventError(
        `product event ${event.id} of tenant ${tenantId} names product ${productId} of another tenant`,
      );
  };
  for (const definition of [productCreatedV1, productUpdatedV1, productPublishedV1, productArchivedV1])
    consumer.handle(definition, apply);
  return consumer.handle(productRemovedV1, apply);
}

/**
 * Feeds the sellers' statuses from `tenants.tenant.v1`, shared by the replicas, from the topic's beginning once:
 * a suspension that happened before the cart first ran must hide the seller's products too (the catalog's answers
 * read through already reflect it, product events do not).
 */
export function tenantStatusConsumer(
  options: ConsumerOptions,
  projection: ProductProjection,
): EventConsumer<undefined> {
  return onTenantStatusEvents(
    new EventConsumer<undefined>({
      ...options,
      processedEvents: repeatableHandlers,
      startFrom: 'earliest',
      concurrency: CONCURRENCY,
    }),
    async ({ tenantId, status, changedAt }) => {
      await projection.applyTenantStatus(tenantId, status, changedAt);
    },
  );
}
