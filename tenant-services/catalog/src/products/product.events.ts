import {
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  type ProductSnapshot,
} from '@marketplace/contracts';
import type { OutgoingEvent } from '@marketplace/events';
import type { PendingEvent, ProductDocument } from './product.document';

export type ProductChange = 'created' | 'updated' | 'published' | 'archived';

const DEFINITIONS = {
  created: productCreatedV1,
  updated: productUpdatedV1,
  published: productPublishedV1,
  archived: productArchivedV1,
} as const;

export function productSnapshot(doc: ProductDocument): ProductSnapshot {
  return {
    productId: doc._id,
    tenantId: doc.tenantId,
    slug: doc.slug,
    title: doc.title,
    status: doc.status,
    moderation: doc.moderation,
    categoryId: doc.categoryId,
    currency: doc.currency,
    variants: doc.variants.map((v) => ({
      variantId: v.id,
      sku: v.sku,
      priceMinor: v.priceMinor,
      compareAtMinor: v.compareAtMinor,
    })),
  };
}

function pending(event: OutgoingEvent, productId: string): PendingEvent {
  return {
    id: event.envelope.id,
    topic: event.topic,
    key: productId,
    envelope: JSON.stringify(event.envelope),
  };
}

/** The event describing `doc` after a change, ready to be stored in the product's outbox. */
export function productChangedEvent(change: ProductChange, doc: ProductDocument): PendingEvent {
  return pending(DEFINITIONS[change].create(productSnapshot(doc), { tenantId: doc.tenantId }), doc._id);
}

export function productRemovedEvent(doc: ProductDocument, reason: 'deleted' | 'moderated'): PendingEvent {
  return pending(
    productRemovedV1.create({ ...productSnapshot(doc), reason }, { tenantId: doc.tenantId }),
    doc._id,
  );
}
