import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/**
 * Events of the reviews service. Review events are keyed by review id; rating events by the rated product or
 * seller id, so each aggregate's changes stay in order. Envelope `tenantId` is the seller whose product was
 * reviewed (a review is about a tenant's product even though a buyer wrote it).
 */
export const REVIEW_TOPIC = 'reviews.review.v1';

export const REVIEW_RATINGS = [1, 2, 3, 4, 5] as const;
const id = z.string().min(1).max(64);
const tenantId = z.string().min(1).max(36);
const rating = z.number().int().min(1).max(5);
const timestamp = z.iso.datetime({ offset: false });

/** Why a platform moderator removed a review: the only grounds there are (16 CFR 465.7(b)(1), ADR 0025). */
export const REVIEW_REMOVAL_POLICIES = [
  'CONFIDENTIAL_INFORMATION',
  'PERSONAL_DATA',
  'ABUSIVE_OR_OBSCENE',
  'DISCRIMINATORY',
  'UNRELATED_TO_PRODUCT',
  'FALSE_OR_MISLEADING',
] as const;
export const reviewRemovalPolicySchema = z.enum(REVIEW_REMOVAL_POLICIES);
export type ReviewRemovalPolicy = z.infer<typeof reviewRemovalPolicySchema>;

const reviewSnapshot = z.object({
  reviewId: id,
  productId: id,
  tenantId,
  buyerId: id,
  sellerOrderId: id,
  rating,
  at: timestamp,
});

/** A buyer's review is live (there is no pre-moderation). */
export const ReviewPublished = defineEvent({
  topic: REVIEW_TOPIC,
  type: 'review.published',
  version: 1,
  payload: reviewSnapshot,
});

/** Its author edited it (within the edit window); `rating` is the new one. */
export const ReviewUpdated = defineEvent({
  topic: REVIEW_TOPIC,
  type: 'review.updated',
  version: 1,
  payload: reviewSnapshot.extend({ previousRating: rating }),
});

/** The seller answered it publicly. */
export const ReviewReplied = defineEvent({
  topic: REVIEW_TOPIC,
  type: 'review.replied',
  version: 1,
  payload: reviewSnapshot.extend({ repliedBy: id }),
});

/** A platform moderator removed it for a stated policy reason. */
export const ReviewRemoved = defineEvent({
  topic: REVIEW_TOPIC,
  type: 'review.removed',
  version: 1,
  payload: reviewSnapshot.extend({ policy: reviewRemovalPolicySchema, reason: z.string().min(1) }),
});

const ratingSummary = z.object({
  count: z.number().int().min(0),
  /** Mean of the published ratings, two decimals; null without any. */
  average: z.number().min(1).max(5).nullable(),
  /** Published reviews with 1, 2, 3, 4 and 5 stars. */
  distribution: z.array(z.number().int().min(0)).length(5),
  /** Grows with every change of this aggregate: consumers keep the highest they saw. */
  revision: z.number().int().min(1),
});
export type RatingSummaryPayload = z.infer<typeof ratingSummary>;

/** The published-review aggregate of one product changed (catalog search: sort and filter by rating). */
export const ProductRatingChanged = defineEvent({
  topic: REVIEW_TOPIC,
  type: 'rating.product-changed',
  version: 1,
  payload: ratingSummary.extend({ productId: id, tenantId }),
});

/** The published-review aggregate of one seller changed. */
export const SellerRatingChanged = defineEvent({
  topic: REVIEW_TOPIC,
  type: 'rating.seller-changed',
  version: 1,
  payload: ratingSummary.extend({ tenantId }),
});

export const REVIEW_EVENTS = [
  ReviewPublished,
  ReviewUpdated,
  ReviewReplied,
  ReviewRemoved,
  ProductRatingChanged,
  SellerRatingChanged,
] as const;
