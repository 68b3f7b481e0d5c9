import { safeText } from '@marketplace/contracts';
import { z } from 'zod';
import { SELLER_ORDER_STATUSES } from './order.schema';

export const DEFAULT_PAGE_SIZE = 20;

export const orderIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an order id');

export const pageSchema = z.object({
  first: z.number().int().min(1).max(100),
  after: z.string().min(1).max(500).optional(),
});

export const adminOrderSearchSchema = pageSchema.extend({
  orderId: orderIdSchema.optional(),
  buyerId: z.string().min(1).max(36).optional(),
  sellerId: z.uuid('must be a seller (tenant) id').optional(),
});

/** An ISO 8601 date-time with offset, as a Date. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .transform((value) => new Date(value));

export const sellerPageSchema = pageSchema
  .extend({
    status: z.enum(SELLER_ORDER_STATUSES).optional(),
    /** Placed at or after this instant. */
    placedFrom: instantSchema.optional(),
    /** Placed before this instant. */
    placedBefore: instantSchema.optional(),
  })
  .refine((page) => !page.placedFrom || !page.placedBefore || page.placedFrom < page.placedBefore, {
    message: 'placedFrom must be before placedBefore',
    path: ['placedBefore'],
  });

/** A carrier's tracking page: https only, so that the link shown to buyers never downgrades or runs script. */
export const trackingUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, message: 'must be an https URL' })
  .max(2048);

export const shipmentSchema = z.object({
  id: orderIdSchema,
  carrier: safeText().trim().min(1, 'must not be empty').max(64),
  trackingNumber: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(128)
    .regex(/^[A-Za-z0-9 ._\-/]+$/, 'letters, digits, spaces and . _ - / only'),
  trackingUrl: trackingUrlSchema.optional(),
});
