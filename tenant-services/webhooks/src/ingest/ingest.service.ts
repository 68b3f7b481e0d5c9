import { Injectable } from '@nestjs/common';
import type { MySqlDb } from '@marketplace/tenancy';
import { withinTenant } from '@marketplace/tenancy';
import { monotonicFactory } from 'ulid';
import { deliveryRecords } from '../delivery/delivery.repository';
import type { WebhookDeliveryRow, WebhookEventRow } from '../delivery/delivery.schema';
import { Dispatcher } from '../delivery/dispatcher';
import { endpointRecords } from '../endpoints/endpoint.repository';
import { bodyOf, type WebhookEventDraft } from './webhook-event';

/** Delivery ids order a resource's deliveries, so they come from one monotonic source. */
const nextId = monotonicFactory();
/** Rows per multi-row INSERT, well inside MySQL's packet limit with event bodies. */
const ROWS_PER_INSERT = 500;

/**
 * Stores webhook events and owes each to the tenant's enabled endpoints subscribed to its topic, in the consumer's
 * transaction (so a redelivered domain event, already recorded as processed, adds nothing). Events nobody
 * subscribed to are not kept. A batch of domain events costs a few statements per tenant, not per event.
 */
@Injectable()
export class IngestService {
  constructor(private readonly dispatcher: Dispatcher) {}

  /** `drafts` in the order their domain events arrived (each resource's deliveries keep it). */
  async record(tx: MySqlDb, drafts: readonly WebhookEventDraft[]): Promise<number> {
    const byTenant = new Map<string, WebhookEventDraft[]>();
    for (const draft of drafts)
      byTenant.set(draft.tenantId, [...(byTenant.get(draft.tenantId) ?? []), draft]);
    let owed = 0;
    for (const [tenantId, tenantDrafts] of byTenant)
      owed += await withinTenant(tenantId, () => this.recordOfTenant(tx, tenantDrafts));
    if (owed > 0) this.dispatcher.nudge();
    return owed;
  }

  private async recordOfTenant(tx: MySqlDb, drafts: readonly WebhookEventDraft[]): Promise<number> {
    const endpoints = await endpointRecords(tx).subscribedToAny([
      ...new Set(drafts.map((draft) => draft.topic)),
    ]);
    if (endpoints.length === 0) return 0;
    const now = new Date();
    const events: Omit<WebhookEventRow, 'tenantId'>[] = [];
    const deliveries: Omit<WebhookDeliveryRow, 'tenantId'>[] = [];
    for (const draft of drafts) {
      const subscribed = endpoints.filter((endpoint) => endpoint.topics.includes(draft.topic));
      if (subscribed.length === 0) continue;
      const eventId = `msg_${nextId()}`;
      events.push({
        id: eventId,
        topic: draft.topic,
        resourceKey: draft.resourceKey,
        body: bodyOf(draft),
        occurredAt: new Date(draft.occurredAt),
        createdAt: now,
      });
      for (const endpoint of subscribed)
        deliveries.push({
          id: nextId(),
          endpointId: endpoint.id,
          eventId,
          resourceKey: draft.resourceKey,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          lockedUntil: null,
          claimToken: null,
          manual: 0,
          createdAt: now,
          updatedAt: now,
        });
    }
    const records = deliveryRecords(tx);
    for (let at = 0; at < events.length; at += ROWS_PER_INSERT)
      await records.insertEvents(events.slice(at, at + ROWS_PER_INSERT));
    for (let at = 0; at < deliveries.length; at += ROWS_PER_INSERT)
      await records.insertDeliveries(deliveries.slice(at, at + ROWS_PER_INSERT));
    return deliveries.length;
  }
}
