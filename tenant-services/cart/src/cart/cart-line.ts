import { z } from 'zod';

export const MAX_QUANTITY = 99;
/** Bounds the work of every cart script and the size of a cart document. */
export const MAX_LINES = 100;

export const priceSnapshotSchema = z.object({
  amountMinor: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
  capturedAt: z.string(),
});
export type PriceSnapshot = z.infer<typeof priceSnapshotSchema>;

/** One line as stored in the cart hash (field = line id, value = this JSON). */
export const storedLineSchema = z.object({
  id: z.string(),
  productId: z.string(),
  variantId: z.string(),
  sku: z.string(),
  tenantId: z.string(),
  title: z.string(),
  /** Lines stored before categories were kept have none. */
  categoryId: z.string().nullish(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
  price: priceSnapshotSchema,
  addedAt: z.string(),
});
export type StoredLine = z.infer<typeof storedLineSchema>;
