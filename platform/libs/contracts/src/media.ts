import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/**
 * Events of the media service: one topic for the media asset aggregate, keyed by media id. Envelope
 * `tenantId` is the seller organization for product images and null for buyers' review photos (whose
 * owner is `buyerId`). Object keys stay private to the media service: consumers resolve URLs through the
 * `Media` entity of the federated graph.
 */
export const MEDIA_ASSET_TOPIC = 'media.asset.v1';

export const MEDIA_PURPOSES = ['PRODUCT_IMAGE', 'REVIEW_PHOTO'] as const;
export const mediaPurposeSchema = z.enum(MEDIA_PURPOSES);
export type MediaPurpose = z.infer<typeof mediaPurposeSchema>;

export const MEDIA_VARIANT_NAMES = ['thumbnail', 'medium'] as const;
export const mediaVariantNameSchema = z.enum(MEDIA_VARIANT_NAMES);
export type MediaVariantName = z.infer<typeof mediaVariantNameSchema>;

const mediaId = z.string().min(1).max(64);
/** Keycloak user id of the buyer owning a review photo; null for product images (owned by the tenant). */
const buyerId = z.string().min(1).max(64).nullable();
const pixels = z.number().int().positive();
const bytes = z.number().int().positive();

export const mediaVariantSummarySchema = z.object({
  name: mediaVariantNameSchema,
  contentType: z.string().min(1),
  width: pixels,
  height: pixels,
  bytes,
});
export type MediaVariantSummary = z.infer<typeof mediaVariantSummarySchema>;

/** The upload passed inspection and its variants exist: the media may now be shown. */
export const mediaReadyV1 = defineEvent({
  topic: MEDIA_ASSET_TOPIC,
  type: 'media.ready',
  version: 1,
  payload: z.object({
    mediaId,
    purpose: mediaPurposeSchema,
    buyerId,
    contentType: z.string().min(1),
    bytes,
    width: pixels,
    height: pixels,
    variants: z.array(mediaVariantSummarySchema).min(1),
  }),
});

/** The upload was refused at completion (not an image, too large, wrong type); its object is deleted. */
export const mediaRejectedV1 = defineEvent({
  topic: MEDIA_ASSET_TOPIC,
  type: 'media.rejected',
  version: 1,
  payload: z.object({ mediaId, purpose: mediaPurposeSchema, buyerId, reason: z.string().min(1) }),
});

/** The owner deleted the media; its objects are gone, references to it should be dropped. */
export const mediaDeletedV1 = defineEvent({
  topic: MEDIA_ASSET_TOPIC,
  type: 'media.deleted',
  version: 1,
  payload: z.object({
    mediaId,
    purpose: mediaPurposeSchema,
    buyerId,
    previousStatus: z.enum(['pending', 'ready', 'rejected']),
  }),
});

export const MEDIA_ASSET_EVENTS = [mediaReadyV1, mediaRejectedV1, mediaDeletedV1] as const;

/**
 * Internal: which of these media ids are product images of this tenant, still usable (pending or ready). The
 * catalog asks before a product references an image, so no product shows another owner's media.
 */
export const MEDIA_PRODUCT_IMAGE_OWNERSHIP_PATH = '/internal/media/product-images/ownership';

export const productImageOwnershipRequestSchema = z.object({
  tenantId: z.string().min(1).max(64),
  mediaIds: z.array(mediaId).min(1).max(100),
});
export type ProductImageOwnershipRequest = z.infer<typeof productImageOwnershipRequestSchema>;

export const productImageOwnershipAnswerSchema = z.object({ owned: z.array(mediaId) });
export type ProductImageOwnershipAnswer = z.infer<typeof productImageOwnershipAnswerSchema>;
