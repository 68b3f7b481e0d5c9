import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/**
 * Events of the inventory service, all on one topic. Stock events are keyed by `<tenantId>:<sku>` and carry the
 * seller as envelope `tenantId`; reservation events are keyed by the reservation (checkout) id and carry no
 * tenant in the envelope, since one reservation spans several sellers (each line names its own).
 */
export const INVENTORY_TOPIC = 'inventory.stock.v1';

const tenantId = z.string().min(1).max(36);
const sku = z.string().min(1).max(64);
const reservationId = z.string().min(1).max(64);
const quantity = z.number().int().positive();
const timestamp = z.iso.datetime({ offset: false });

export const reservationLineSchema = z.object({ tenantId, sku, locationId: z.string().min(1), quantity });

/** Available units (on hand minus reserved, over all locations) of a seller's sku changed. */
export const StockChanged = defineEvent({
  topic: INVENTORY_TOPIC,
  type: 'stock.changed',
  version: 1,
  payload: z.object({ tenantId, sku, available: z.number().int().min(0) }),
});

/** Available units of a sku dropped from above the seller's low-stock threshold to at or below it (the `inventory.low-stock` alert). */
export const StockLow = defineEvent({
  topic: INVENTORY_TOPIC,
  type: 'stock.low',
  version: 1,
  payload: z.object({
    tenantId,
    sku,
    available: z.number().int().min(0),
    threshold: z.number().int().positive(),
  }),
});

/** Every line of a checkout was reserved, until `expiresAt`. */
export const ReservationCreated = defineEvent({
  topic: INVENTORY_TOPIC,
  type: 'reservation.created',
  version: 1,
  payload: z.object({ reservationId, expiresAt: timestamp, lines: z.array(reservationLineSchema).min(1) }),
});

/** The reserved units left the stock (payment succeeded): on hand and reserved both decreased. */
export const ReservationConfirmed = defineEvent({
  topic: INVENTORY_TOPIC,
  type: 'reservation.confirmed',
  version: 1,
  payload: z.object({ reservationId, lines: z.array(reservationLineSchema).min(1) }),
});

/** The reserved units became available again: on request (checkout failed) or because the reservation expired. */
export const ReservationReleased = defineEvent({
  topic: INVENTORY_TOPIC,
  type: 'reservation.released',
  version: 1,
  payload: z.object({
    reservationId,
    reason: z.enum(['requested', 'expired']),
    lines: z.array(reservationLineSchema).min(1),
  }),
});

/** Nothing was reserved: these lines asked for more than was available. */
export const ReservationFailed = defineEvent({
  topic: INVENTORY_TOPIC,
  type: 'reservation.failed',
  version: 1,
  payload: z.object({
    reservationId,
    insufficient: z
      .array(z.object({ tenantId, sku, requested: quantity, available: z.number().int().min(0) }))
      .min(1),
  }),
});

export const INVENTORY_EVENTS = [
  StockChanged,
  StockLow,
  ReservationCreated,
  ReservationConfirmed,
  ReservationReleased,
  ReservationFailed,
] as const;
