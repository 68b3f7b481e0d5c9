import { z } from 'zod';
import { skuSchema } from '../stock/stock.inputs';

/** The checkout id: ULID or UUID-like, chosen by the caller so that retries hit the same reservation. */
export const reservationIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const reserveSchema = z.object({
  reservationId: reservationIdSchema,
  lines: z
    .array(
      z.object({
        tenantId: z.string().min(1).max(36),
        sku: skuSchema,
        quantity: z.number().int().min(1, 'must be at least 1').max(10_000),
      }),
    )
    .min(1, 'at least one line')
    .max(200),
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});

export type ReserveRequest = z.output<typeof reserveSchema>;
