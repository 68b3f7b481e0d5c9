import type { DocumentOutboxFields } from '@marketplace/events';
import type { TenantDocument } from '@marketplace/tenancy';

export const PRODUCT_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const MODERATION_STATES = ['none', 'flagged', 'removed'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];
/** Mirrors the tenants service's statuses; products of any tenant not `active` are hidden from buyers. */
export type TenantStatus = 'pending' | 'active' | 'suspended' | 'rejected';

export interface NameValue {
  name: string;
  value: string;
}

export interface ProductOption {
  name: string;
  values: string[];
}

export interface VariantDocument {
  id: string;
  sku: string;
  optionValues: NameValue[];
  priceMinor: number;
  compareAtMinor: number | null;
}

/**
 * One product with everything buyers filter and sort on kept denormalized on the document, because the
 * MongoDB-wire server offers no joins: price range, tenant status, category ancestry, attribute pairs and tokens.
 * Its events wait in its own outbox fields until the relay has published them (ADR 0004).
 */
export interface ProductDocument extends TenantDocument, DocumentOutboxFields {
  _id: string;
  slug: string;
  title: string;
  description: string;
  status: ProductStatus;
  moderation: ModerationState;
  /** The policy reason (or note) of the last moderation decision; absent on products never moderated. */
  moderationReason?: string | null;
  categoryId: string | null;
  /** The category and all its ancestors, so a filter on a category includes its descendants. */
  categoryPath: string[];
  attributes: NameValue[];
  /** `name=value` with the name lower-cased: what attribute filters and facets match on. */
  attributePairs: string[];
  options: ProductOption[];
  variants: VariantDocument[];
  images: string[];
  /** Alt text of each image, in the order of `images` ("" for none); absent on products saved before it. */
  imageAlts?: string[];
  currency: string;
  minPrice: number;
  maxPrice: number;
  /** Whether a buyer can get any variant: false once inventory reports every variant sold out. */
  inStock: boolean;
  /** Available units per variant id as inventory last reported them (see `variantInStock`). */
  stock?: Record<string, number>;
  /** Average of the published reviews (0 without any), as the reviews service reports it (ADR 0025). */
  ratingAvg: number;
  /** Number of published reviews. */
  ratingCount?: number;
  /** The reviews service's revision of the rating applied last: older reports are ignored. */
  ratingRevision?: number;
  tenantStatus: TenantStatus;
  /** Tokens of title, attributes and description. */
  tokens: string[];
  /** Tokens of the title alone: a query matching all of them ranks first under RELEVANCE. */
  titleTokens: string[];
  createdAt: Date;
  updatedAt: Date;
  /** Set on first publication; NEWEST sorts on it. */
  publishedAt: Date | null;
  /** Set when the seller deleted the product; the relay drops the tombstone once its events are out. */
  deletedAt: Date | null;
  /** Incremented on every write: optimistic concurrency for updates. */
  rev: number;
}

/** What buyers read of a product (the search index keeps these in memory): no search or bookkeeping fields. */
export const PRODUCT_VIEW_FIELDS = [
  '_id',
  'tenantId',
  'slug',
  'title',
  'description',
  'status',
  'moderation',
  'categoryId',
  'attributes',
  'options',
  'variants',
  'images',
  'imageAlts',
  'currency',
  'minPrice',
  'maxPrice',
  'inStock',
  'stock',
  'ratingAvg',
  'ratingCount',
  'createdAt',
  'updatedAt',
  'publishedAt',
] as const satisfies readonly (keyof ProductDocument)[];
export type ProductView = Pick<ProductDocument, (typeof PRODUCT_VIEW_FIELDS)[number]>;

/**
 * Whether inventory has units of the variant. One it has not reported yet counts as available: a new product
 * is for sale before its stock is set up, and inventory still refuses a reservation it cannot honour.
 */
export function variantInStock(stock: ProductDocument['stock'], variantId: string): boolean {
  return (stock?.[variantId] ?? 1) > 0;
}

/** The product flag buyers filter on: any variant in stock. */
export function anyVariantInStock(
  variants: readonly Pick<VariantDocument, 'id'>[],
  stock: ProductDocument['stock'],
): boolean {
  return variants.some((variant) => variantInStock(stock, variant.id));
}

/** A reserved SKU: the unique index on (tenantId, sku) is what makes SKUs unique per tenant. */
export interface SkuDocument extends TenantDocument {
  _id: string;
  sku: string;
  productId: string;
}

/** Conditions every product a buyer may see satisfies. */
export const BUYER_VISIBLE = {
  status: 'published',
  moderation: { $ne: 'removed' },
  tenantStatus: 'active',
  deletedAt: null,
} as const;
