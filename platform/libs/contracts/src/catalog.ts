import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/** Topic of the catalog's product aggregate; keyed by product id. */
export const CATALOG_PRODUCT_TOPIC = 'catalog.product.v1';

const variantSummary = z.object({
  variantId: z.string().min(1),
  sku: z.string().min(1),
  /** Integer minor units of `currency`. */
  priceMinor: z.number().int().nonnegative(),
  compareAtMinor: z.number().int().nonnegative().nullable(),
});

/** The product as consumers (search, inventory, orders, reviews) need it, after the change. */
export const productSnapshotSchema = z.object({
  productId: z.string().min(1),
  tenantId: z.string().min(1),
  slug: z.string().min(1),
  title: z.string().min(1),
  status: z.enum(['draft', 'published', 'archived']),
  moderation: z.enum(['none', 'flagged', 'removed']),
  categoryId: z.string().min(1).nullable(),
  currency: z.string().length(3),
  variants: z.array(variantSummary),
});
export type ProductSnapshot = z.infer<typeof productSnapshotSchema>;

const productEvent = <const TType extends string>(type: TType) =>
  defineEvent({ topic: CATALOG_PRODUCT_TOPIC, type, version: 1, payload: productSnapshotSchema });

export const productCreatedV1 = productEvent('product.created');
export const productUpdatedV1 = productEvent('product.updated');
export const productPublishedV1 = productEvent('product.published');
export const productArchivedV1 = productEvent('product.archived');

/** The product left the catalog: deleted by its seller or removed by a platform moderator. */
export const productRemovedV1 = defineEvent({
  topic: CATALOG_PRODUCT_TOPIC,
  type: 'product.removed',
  version: 1,
  payload: productSnapshotSchema.extend({ reason: z.enum(['deleted', 'moderated']) }),
});

export const CATALOG_PRODUCT_EVENTS = [
  productCreatedV1,
  productUpdatedV1,
  productPublishedV1,
  productArchivedV1,
  productRemovedV1,
] as const;
