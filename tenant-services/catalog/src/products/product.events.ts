import {
  productArchivedV1,
  productCreatedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  type ProductSnapshot,
} from '@marketplace/contracts';
import type { OutgoingEvent } from '@marketplace/events';
import type { ProductDocument } from './product.document';

export type ProductChange = 'created' | 'updated' | 'published' | 'archived';

const DEFINITIONS = {
  created: productCreatedV1,
  updated: productUpdatedV1,
  published: productPublishedV1,
  archived: productArchivedV1,
} as const;

/**
 * The product as `doc` (the document as the write stores it, at its new revision) describes it, with its full
 * state (ADR 0050): the search indexer builds its document from the event alone.
 */
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
    state: {
      revision: doc.rev,
      description: doc.description,
      categoryPath: doc.categoryPath ?? [],
      attributes: doc.attributes ?? [],
      options: doc.options ?? [],
      variantOptionValues: doc.variants.map((v) => v.optionValues ?? []),
      images: doc.images ?? [],
      imageAlts: doc.imageAlts ?? (doc.images ?? []).map(() => ''),
      stock: doc.stock ?? {},
      inStock: doc.inStock,
      ratingAvg: doc.ratingAvg ?? 0,
      ratingCount: doc.ratingCount ?? 0,
      createdAt: doc.createdAt.toISOString(),
      updatedAt: doc.updatedAt.toISOString(),
      publishedAt: doc.publishedAt?.toISOString() ?? null,
    },
  };
}

/** The event describing `doc` as the change stores it, to be staged in the product's outbox (key = product id). */
export function productChangedEvent(change: ProductChange, doc: ProductDocument): OutgoingEvent {
  return DEFINITIONS[change].create(productSnapshot(doc), { tenantId: doc.tenantId });
}

export function productRemovedEvent(doc: ProductDocument, reason: 'deleted' | 'moderated'): OutgoingEvent {
  return productRemovedV1.create({ ...productSnapshot(doc), reason }, { tenantId: doc.tenantId });
}
