import { crossTenantRepository, tenantRepository, type MySqlDb } from '@marketplace/tenancy';
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AttemptFilter } from '../endpoints/endpoint.inputs';
import { webhookEndpoints, type WebhookEndpointRow } from '../endpoints/endpoint.schema';
import {
  orderRoutes,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookEventRow,
} from './delivery.schema';

const pending = eq(webhookDeliveries.status, 'pending');

/** The current tenant's events, deliveries and delivery log. */
export function deliveryRecords(db: MySqlDb) {
  const events = tenantRepository(db, webhookEvents);
  const deliveries = tenantRepository(db, webhookDeliveries);
  const attempts = tenantRepository(db, webhookAttempts);
  return {
    async insertEvents(rows: Omit<WebhookEventRow, 'tenantId'>[]): Promise<void> {
      if (rows.length > 0) await events.insert(rows);
    },
    event(id: string): Promise<WebhookEventRow | undefined> {
      return events.findOne(eq(webhookEvents.id, id));
    },
    async insertDeliveries(rows: Omit<WebhookDeliveryRow, 'tenantId'>[]): Promise<void> {
      if (rows.length > 0) await deliveries.insert(rows);
    },
    delivery(id: string): Promise<WebhookDeliveryRow | undefined> {
      return deliveries.findOne(eq(webhookDeliveries.id, id));
    },
    async recordAttempts(rows: Omit<WebhookAttemptRow, 'tenantId'>[]): Promise<void> {
      if (rows.length > 0) await attempts.insert(rows);
    },
    /**
     * Settles the attempt of the claim that ends at `claimedUntil`; a delivery whose claim was replaced meanwhile
     * (a manual redelivery started a new round) is left to that round. Answers whether it applied.
     */
    async settleAttempt(
      id: string,
      claimedUntil: Date | null,
      changes: Pick<WebhookDeliveryRow, 'status' | 'attempts' | 'nextAttemptAt'>,
    ): Promise<boolean> {
      const claim =
        claimedUntil === null
          ? isNull(webhookDeliveries.lockedUntil)
          : eq(webhookDeliveries.lockedUntil, claimedUntil);
      const changed = await deliveries.update(and(eq(webhookDeliveries.id, id), claim)!, {
        ...changes,
        lockedUntil: null,
        updatedAt: new Date(),
      });
      return changed === 1;
    },
    /** Settles successful attempts whose claims still stand (see `settleAttempt`), in one statement. */
    async settleSucceeded(rows: readonly WebhookDeliveryRow[], now: Date): Promise<void> {
      const claimed = rows.filter((row) => row.lockedUntil !== null);
      if (claimed.length === 0) return;
      await deliveries.update(
        or(
          ...claimed.map((row) =>
            and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.lockedUntil, row.lockedUntil!)),
          ),
        )!,
        {
          status: 'succeeded',
          attempts: sql`${webhookDeliveries.attempts} + 1` as unknown as number,
          nextAttemptAt: null,
          lockedUntil: null,
          updatedAt: now,
        },
      );
    },
    /** The endpoint's log as filtered, newest attempt first, after the position of the previous page. */
    attemptsPage(
      endpointId: string,
      filter: AttemptFilter,
      first: number,
      after?: { createdAt: Date; id: string },
    ): Promise<WebhookAttemptRow[]> {
      const before =
        after === undefined
          ? undefined
          : or(
              lt(webhookAttempts.attemptedAt, after.createdAt),
              and(eq(webhookAttempts.attemptedAt, after.createdAt), lt(webhookAttempts.id, after.id)),
            );
      return attempts.findMany(
        and(
          eq(webhookAttempts.endpointId, endpointId),
          filter.topic && eq(webhookAttempts.topic, filter.topic),
          filter.status && eq(webhookAttempts.status, filter.status),
          filter.since && gte(webhookAttempts.attemptedAt, filter.since),
          filter.until && lt(webhookAttempts.attemptedAt, filter.until),
          before,
        ),
        {
          orderBy: [desc(webhookAttempts.attemptedAt), desc(webhookAttempts.id)],
          limit: first + 1,
        },
      );
    },
    /** Deliveries still owed to a deleted endpoint are dropped; its log stays for the retention period. */
    async dropPending(endpointId: string): Promise<void> {
      await deliveries.delete(and(eq(webhookDeliveries.endpointId, endpointId), pending)!);
    },
    /**
     * Starts a new round of attempts for the endpoint's deliveries of `eventIds`, or of every event since `since`;
     * answers how many.
     */
    async redeliver(endpointId: string, which: { eventId: string } | { since: Date }): Promise<number> {
      const now = new Date();
      const selection =
        'eventId' in which
          ? eq(webhookDeliveries.eventId, which.eventId)
          : gte(webhookDeliveries.createdAt, which.since);
      return deliveries.update(and(eq(webhookDeliveries.endpointId, endpointId), selection)!, {
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lockedUntil: null,
        manual: 1,
        updatedAt: now,
      });
    },
  };
}

/** Buyer order → seller orders and their sellers, learnt from `order.placed`. */
export function orderRouteRecords(db: MySqlDb) {
  return {
    async remember(
      buyerOrderId: string,
      sellerOrders: { sellerOrderId: string; tenantId: string }[],
    ): Promise<void> {
      if (sellerOrders.length === 0) return;
      await db
        .insert(orderRoutes)
        .values(
          sellerOrders.map((order) => ({
            sellerOrderId: order.sellerOrderId,
            buyerOrderId,
            sellerTenantId: order.tenantId,
            createdAt: new Date(),
          })),
        )
        .onDuplicateKeyUpdate({ set: { buyerOrderId: sql`buyer_order_id` } });
    },
    ofBuyerOrder(buyerOrderId: string) {
      return db.select().from(orderRoutes).where(eq(orderRoutes.buyerOrderId, buyerOrderId));
    },
    ofSellerOrder(sellerOrderId: string) {
      return db.select().from(orderRoutes).where(eq(orderRoutes.sellerOrderId, sellerOrderId));
    },
  };
}

/** The scheduler's view over all tenants; every call runs inside its named `acrossTenants` operation. */
export function dispatchRecords(db: MySqlDb) {
  const endpoints = crossTenantRepository(db, webhookEndpoints);
  const deliveries = crossTenantRepository(db, webhookDeliveries);
  const attempts = crossTenantRepository(db, webhookAttempts);
  const events = crossTenantRepository(db, webhookEvents);
  return {
    /**
     * The due deliveries of enabled endpoints, at most `perEndpoint` of each (so a backlog of one endpoint never
     * hides another's), each the oldest pending one of its resource (order per resource), oldest first.
     */
    dueHeads(now: Date, perEndpoint: number, limit: number): Promise<WebhookDeliveryRow[]> {
      return deliveries.findMany(
        sql`${webhookDeliveries.id} IN (SELECT ranked.id FROM (
          SELECT due.id, ROW_NUMBER() OVER (PARTITION BY due.endpoint_id ORDER BY due.id) AS position
          FROM ${webhookDeliveries} AS due
            JOIN ${webhookEndpoints} AS endpoint ON endpoint.id = due.endpoint_id AND endpoint.enabled
          WHERE due.status = 'pending' AND due.next_attempt_at <= ${now}
            AND (due.locked_until IS NULL OR due.locked_until < ${now})
            AND NOT EXISTS (SELECT 1 FROM ${webhookDeliveries} AS earlier
              WHERE earlier.endpoint_id = due.endpoint_id AND earlier.resource_key = due.resource_key
                AND earlier.status = 'pending' AND earlier.id < due.id)
        ) AS ranked WHERE ranked.position <= ${perEndpoint})`,
        { orderBy: asc(webhookDeliveries.id), limit },
      );
    },
    /**
     * Takes those of `ids` still due and unclaimed for one round of attempts until `until`, marked with `token`;
     * answers how many (fewer when another worker took some: `claimedBy` tells which).
     */
    claim(ids: readonly string[], now: Date, until: Date, token: string): Promise<number> {
      return deliveries.update(
        and(
          inArray(webhookDeliveries.id, [...ids]),
          pending,
          or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
        )!,
        { lockedUntil: until, claimToken: token },
      );
    },
    claimedBy(ids: readonly string[], token: string): Promise<WebhookDeliveryRow[]> {
      return deliveries.findMany(
        and(inArray(webhookDeliveries.id, [...ids]), eq(webhookDeliveries.claimToken, token)),
      );
    },
    events(ids: readonly string[]): Promise<WebhookEventRow[]> {
      return events.findMany(inArray(webhookEvents.id, [...ids]));
    },
    endpoints(ids: readonly string[]): Promise<WebhookEndpointRow[]> {
      return endpoints.findMany(inArray(webhookEndpoints.id, [...ids]));
    },
    /** Log rows, delivered events and settled deliveries older than `cutoff`. */
    async purgeBefore(cutoff: Date): Promise<number> {
      const attemptsGone = await attempts.delete(lt(webhookAttempts.attemptedAt, cutoff));
      const settled = await deliveries.findMany(
        and(
          lt(webhookDeliveries.createdAt, cutoff),
          inArray(webhookDeliveries.status, ['succeeded', 'failed']),
        ),
        { limit: 10_000 },
      );
      if (settled.length > 0)
        await deliveries.delete(
          inArray(
            webhookDeliveries.id,
            settled.map((row) => row.id),
          ),
        );
      const eventsGone = await events.delete(
        and(
          lt(webhookEvents.createdAt, cutoff),
          sql`NOT EXISTS (SELECT 1 FROM ${webhookDeliveries} AS owed WHERE owed.event_id = webhook_events.id)`,
        )!,
      );
      return attemptsGone + settled.length + eventsGone;
    },
  };
}
