import type { ReviewRemovalPolicy } from '@marketplace/contracts';
import type { DocumentOutboxFields } from '@marketplace/events';

export type ReviewStatus = 'published' | 'removed';

export interface ReviewReplyFields {
  text: string;
  /** The seller user who wrote it. */
  repliedBy: string;
  createdAt: Date;
}

export interface ReviewRemovalFields {
  policy: ReviewRemovalPolicy;
  reason: string;
  removedBy: string;
  removedAt: Date;
}

/**
 * One buyer's review of one product of one delivered seller order. It is about the seller's product (`tenantId`,
 * the seller scope for replies) and written by a buyer (`buyerId`, the author scope for edits); `_id` is a ULID.
 */
export interface ReviewDocument extends DocumentOutboxFields {
  _id: string;
  tenantId: string;
  buyerId: string;
  productId: string;
  sellerOrderId: string;
  /** The SKUs of the product the order had (the variants bought). */
  skus: string[];
  rating: number;
  title: string;
  text: string;
  photoIds: string[];
  status: ReviewStatus;
  helpfulCount: number;
  reportCount: number;
  reply: ReviewReplyFields | null;
  removal: ReviewRemovalFields | null;
  createdAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
}

/** A seller order the service learned from `orders.order.v1`: which buyer bought which products of which seller. */
export interface PurchaseDocument {
  /** The seller order id. */
  _id: string;
  tenantId: string;
  buyerId: string;
  buyerOrderId: string;
  lines: { productId: string; sku: string }[];
  paidAt: Date;
  /** Set when the seller marks it delivered: from then on its products may be reviewed. */
  deliveredAt: Date | null;
}

/** A buyer's ready review photo, learned from `media.asset.v1`: lets a review use only the author's own uploads. */
export interface ReviewPhotoDocument {
  /** The media id. */
  _id: string;
  buyerId: string;
  readyAt: Date;
}

/** The published-review aggregate of a product (`_id` product id) or a seller (`_id` tenant id). */
export interface RatingDocument extends DocumentOutboxFields {
  _id: string;
  tenantId: string;
  count: number;
  sum: number;
  /** Published reviews with 1..5 stars. */
  distribution: number[];
  revision: number;
  updatedAt: Date;
}
