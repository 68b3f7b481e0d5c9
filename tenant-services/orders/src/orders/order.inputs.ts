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

export const sellerPageSchema = pageSchema.extend({ status: z.enum(SELLER_ORDER_STATUSES).optional() });

export const shipmentSchema = z.object({
  id: orderIdSchema,
  carrier: z.string().trim().min(1, 'must not be empty').max(64),
  trackingNumber: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(128)
    .regex(/^[A-Za-z0-9 ._\-/]+$/, 'letters, digits, spaces and . _ - / only'),
});
