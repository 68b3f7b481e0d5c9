import { z } from 'zod';

/**
 * The inventory service's internal reservations API (REST, `marketplace-services` tokens only) that the checkout
 * saga (orders) calls: reserve every line or none, confirm, release. Inventory parses the requests with these
 * schemas, the saga's client parses the answers with them.
 */
export const INVENTORY_RESERVATIONS_PATH = '/internal/v1/reservations';

export const RESERVATION_STATUSES = ['active', 'confirmed', 'released'] as const;

/** A seller's stock-keeping unit as inventory keeps it. */
export const inventorySkuSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - / only');

/** The checkout id: ULID or UUID-like, chosen by the caller so that retries hit the same reservation. */
export const reservationIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

/** `POST /internal/v1/reservations` (idempotency key: the reservation id). */
export const reserveRequestSchema = z.object({
  reservationId: reservationIdSchema,
  lines: z
    .array(
      z.object({
        tenantId: z.string().min(1).max(36),
        sku: inventorySkuSchema,
        quantity: z.number().int().min(1, 'must be at least 1').max(10_000),
      }),
    )
    .min(1, 'at least one line')
    .max(200),
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});
export type ReserveRequest = z.output<typeof reserveRequestSchema>;

/** The answer of every reservations operation. */
export const reservationViewSchema = z.object({
  reservationId: z.string(),
  status: z.enum(RESERVATION_STATUSES),
  expiresAt: z.iso.datetime(),
  lines: z.array(
    z.object({
      tenantId: z.string(),
      sku: z.string(),
      locationId: z.string(),
      quantity: z.number().int().positive(),
    }),
  ),
});
export type ReservationView = z.output<typeof reservationViewSchema>;
