import { tenantIdColumn } from '@marketplace/tenancy';
import {
  char,
  datetime,
  index,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  unique,
  varchar,
} from 'drizzle-orm/mysql-core';

/**
 * One webhook event of one tenant, as delivered: `body` is the exact JSON sent (so every attempt signs the same
 * bytes) and `id` the stable `webhook-id` receivers deduplicate by.
 */
export const webhookEvents = mysqlTable(
  'webhook_events',
  {
    tenantId: tenantIdColumn(),
    id: varchar('id', { length: 40 }).primaryKey(),
    topic: varchar('topic', { length: 64 }).notNull(),
    /** Deliveries of one resource (a product, an order, a sku) to one endpoint go out in event order. */
    resourceKey: varchar('resource_key', { length: 160 }).notNull(),
    body: mediumtext('body').notNull(),
    occurredAt: datetime('occurred_at', { mode: 'date', fsp: 3 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('idx_webhook_events_created').on(t.createdAt)],
);

/** An event owed to one endpoint: pending until an attempt succeeds or the retry schedule is used up. */
export const webhookDeliveries = mysqlTable(
  'webhook_deliveries',
  {
    tenantId: tenantIdColumn(),
    /** ULIDs from one monotonic source: their order is the order the events arrived in. */
    id: char('id', { length: 26 }).primaryKey(),
    endpointId: char('endpoint_id', { length: 26 }).notNull(),
    eventId: varchar('event_id', { length: 40 }).notNull(),
    resourceKey: varchar('resource_key', { length: 160 }).notNull(),
    status: mysqlEnum('status', ['pending', 'succeeded', 'failed']).notNull(),
    /** Attempts made in the current round (a manual redelivery starts a new round). */
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: datetime('next_attempt_at', { mode: 'date', fsp: 3 }),
    /** Claimed by an attempt in flight until then (a crashed worker's claim simply runs out). */
    lockedUntil: datetime('locked_until', { mode: 'date', fsp: 3 }),
    /** The sweep that claimed it last: a sweep claims many rows at once and reads back which it got. */
    claimToken: char('claim_token', { length: 26 }),
    /** The round was started by hand (`redeliver`), for the log. */
    manual: int('manual').notNull().default(0),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    unique('uq_webhook_deliveries_event').on(t.endpointId, t.eventId),
    index('idx_webhook_deliveries_due').on(t.status, t.nextAttemptAt),
    index('idx_webhook_deliveries_resource').on(t.endpointId, t.status, t.resourceKey, t.id),
  ],
);

/** What one attempt came to: a 2xx answer, or anything else (another status, no answer). */
export const ATTEMPT_STATUSES = ['succeeded', 'failed'] as const;

/** The delivery log: one row per attempt, kept for the retention period. */
export const webhookAttempts = mysqlTable(
  'webhook_attempts',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    endpointId: char('endpoint_id', { length: 26 }).notNull(),
    deliveryId: char('delivery_id', { length: 26 }).notNull(),
    eventId: varchar('event_id', { length: 40 }).notNull(),
    topic: varchar('topic', { length: 64 }).notNull(),
    attempt: int('attempt').notNull(),
    manual: int('manual').notNull().default(0),
    status: mysqlEnum('status', ATTEMPT_STATUSES).notNull(),
    responseStatus: int('response_status'),
    latencyMs: int('latency_ms').notNull(),
    /** The receiver's answer, cut to a few hundred characters. */
    responseBody: varchar('response_body', { length: 1024 }),
    error: varchar('error', { length: 500 }),
    attemptedAt: datetime('attempted_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    index('idx_webhook_attempts_endpoint').on(t.tenantId, t.endpointId, t.attemptedAt, t.id),
    index('idx_webhook_attempts_time').on(t.attemptedAt),
  ],
);

/**
 * Which seller orders a buyer order has, learnt from `order.placed`: `order.cancelled` and `refund.created` name only
 * the buyer order (or the seller order) and are fanned out to the sellers through it. A platform record.
 */
export const orderRoutes = mysqlTable(
  'order_routes',
  {
    sellerOrderId: varchar('seller_order_id', { length: 64 }).primaryKey(),
    buyerOrderId: varchar('buyer_order_id', { length: 64 }).notNull(),
    sellerTenantId: varchar('seller_tenant_id', { length: 36 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [index('idx_order_routes_buyer_order').on(t.buyerOrderId)],
);

export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
