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

const timestamp = z.iso.datetime({ offset: false });
const nameValue = z.object({ name: z.string(), value: z.string() });

/**
 * The rest of the product as the change stored it (event-carried state, ADR 0050): a read model such as buyer
 * search builds its document from the event instead of reading the catalog back. `revision` is the product's
 * revision after the change, increasing with every write: keep the highest applied, ignore older ones. Absent
 * from events staged before it existed; present, it is complete.
 */
export const productStateSchema = z.object({
  revision: z.number().int().positive(),
  description: z.string(),
  /** The category and its ancestors, root first. */
  categoryPath: z.array(z.string()),
  attributes: z.array(nameValue),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  /** Option values of each variant, in the order of the snapshot's `variants`. */
  variantOptionValues: z.array(z.array(nameValue)),
  images: z.array(z.string()),
  /** Alt text of each image, in the order of `images` ("" for none). */
  imageAlts: z.array(z.string()),
  /** Available units per variant id as inventory last reported them. */
  stock: z.record(z.string(), z.number().int()),
  inStock: z.boolean(),
  ratingAvg: z.number(),
  ratingCount: z.number().int().nonnegative(),
  createdAt: timestamp,
  updatedAt: timestamp,
  publishedAt: timestamp.nullable(),
});
export type ProductState = z.infer<typeof productStateSchema>;

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
  state: productStateSchema.optional(),
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
