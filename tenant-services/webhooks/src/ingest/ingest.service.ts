import { Injectable } from '@nestjs/common';
import type { MySqlDb } from '@marketplace/tenancy';
import { withinTenant } from '@marketplace/tenancy';
import { monotonicFactory } from 'ulid';
import { deliveryRecords } from '../delivery/delivery.repository';
import { Dispatcher } from '../delivery/dispatcher';
import { endpointRecords } from '../endpoints/endpoint.repository';
import { bodyOf, type WebhookEventDraft } from './webhook-event';

/** Delivery ids order a resource's deliveries, so they come from one monotonic source. */
const nextId = monotonicFactory();

/**
 * Stores webhook events and owes each to the tenant's enabled endpoints subscribed to its topic, in the consumer's
 * transaction (so a redelivered domain event, already recorded as processed, adds nothing). Events nobody
 * subscribed to are not kept.
 */
@Injectable()
export class IngestService {
  constructor(private readonly dispatcher: Dispatcher) {}

  async record(tx: MySqlDb, drafts: readonly WebhookEventDraft[]): Promise<number> {
    let owed = 0;
    for (const draft of drafts) {
      owed += await withinTenant(draft.tenantId, async () => {
        const endpoints = await endpointRecords(tx).subscribedTo(draft.topic);
        if (endpoints.length === 0) return 0;
        const now = new Date();
        const eventId = `msg_${nextId()}`;
        const records = deliveryRecords(tx);
        await records.insertEvent({
          id: eventId,
          topic: draft.topic,
          resourceKey: draft.resourceKey,
          body: bodyOf(draft),
          occurredAt: new Date(draft.occurredAt),
          createdAt: now,
        });
        await records.insertDeliveries(
          endpoints.map((endpoint) => ({
            id: nextId(),
            endpointId: endpoint.id,
            eventId,
            resourceKey: draft.resourceKey,
            status: 'pending' as const,
            attempts: 0,
            nextAttemptAt: now,
            lockedUntil: null,
            manual: 0,
            createdAt: now,
            updatedAt: now,
          })),
        );
        return endpoints.length;
      });
    }
    if (owed > 0) this.dispatcher.nudge();
    return owed;
  }
}
