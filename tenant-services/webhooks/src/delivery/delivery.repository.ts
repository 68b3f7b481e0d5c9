import { crossTenantRepository, tenantRepository, type MySqlDb } from '@marketplace/tenancy';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
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

/** Due now and not claimed by an attempt in flight. */
const dueAt = (now: Date) =>
  and(
    pending,
    lte(webhookDeliveries.nextAttemptAt, now),
    or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
  );

/** No earlier delivery of the same resource to the same endpoint is still pending (order per resource). */
const headOfResource = sql`NOT EXISTS (SELECT 1 FROM ${webhookDeliveries} AS earlier
  WHERE earlier.endpoint_id = webhook_deliveries.endpoint_id
    AND earlier.resource_key = webhook_deliveries.resource_key
    AND earlier.status = 'pending'
    AND earlier.id < webhook_deliveries.id)`;

/** The current tenant's events, deliveries and delivery log. */
export function deliveryRecords(db: MySqlDb) {
  const events = tenantRepository(db, webhookEvents);
  const deliveries = tenantRepository(db, webhookDeliveries);
  const attempts = tenantRepository(db, webhookAttempts);
  return {
    async insertEvent(row: Omit<WebhookEventRow, 'tenantId'>): Promise<void> {
      await events.insert(row);
    },
    event(id: string): Promise<WebhookEventRow | undefined> {
      return events.findOne(eq(webhookEvents.id, id));
    },
    async insertDeliveries(rows: Omit<WebhookDeliveryRow, 'tenantId'>[]): Promise<void> {
      await deliveries.insert(rows);
    },
    delivery(id: string): Promise<WebhookDeliveryRow | undefined> {
      return deliveries.findOne(eq(webhookDeliveries.id, id));
    },
    async recordAttempt(row: Omit<WebhookAttemptRow, 'tenantId'>): Promise<void> {
      await attempts.insert(row);
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
    /** The endpoint's log, newest attempt first, after the position of the previous page. */
    attemptsPage(
      endpointId: string,
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
      return attempts.findMany(and(eq(webhookAttempts.endpointId, endpointId), before), {
        orderBy: [desc(webhookAttempts.attemptedAt), desc(webhookAttempts.id)],
        limit: first + 1,
      });
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
    async endpoint(id: string): Promise<WebhookEndpointRow | undefined> {
      return (await endpoints.findMany(eq(webhookEndpoints.id, id), { limit: 1 }))[0];
    },
    /** Enabled endpoints with at least one delivery due now. */
    endpointsWithDueWork(now: Date, limit: number): Promise<WebhookEndpointRow[]> {
      return endpoints.findMany(
        and(
          eq(webhookEndpoints.enabled, true),
          sql`EXISTS (SELECT 1 FROM ${webhookDeliveries} AS due
            WHERE due.endpoint_id = webhook_endpoints.id AND due.status = 'pending'
              AND due.next_attempt_at <= ${now}
              AND (due.locked_until IS NULL OR due.locked_until < ${now}))`,
        ),
        { limit },
      );
    },
    /** Up to `limit` due deliveries of one endpoint, each the oldest pending one of its resource, oldest first. */
    dueDeliveries(
      endpointId: string,
      now: Date,
      limit: number,
      skip: readonly string[],
    ): Promise<WebhookDeliveryRow[]> {
      return deliveries.findMany(
        and(
          eq(webhookDeliveries.endpointId, endpointId),
          dueAt(now),
          headOfResource,
          skip.length > 0 ? notInArray(webhookDeliveries.resourceKey, [...skip]) : undefined,
        ),
        { orderBy: asc(webhookDeliveries.id), limit },
      );
    },
    /** Takes the delivery for one attempt until `until`; false when another worker has it. */
    async claim(id: string, now: Date, until: Date): Promise<boolean> {
      const changed = await deliveries.update(
        and(
          eq(webhookDeliveries.id, id),
          pending,
          or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
        )!,
        { lockedUntil: until },
      );
      return changed === 1;
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
