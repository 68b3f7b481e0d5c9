import { WebhookEndpointDisabled } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import type { MySqlDb } from '@marketplace/tenancy';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { endpointRecords } from '../endpoints/endpoint.repository';
import type { WebhookEndpointRow } from '../endpoints/endpoint.schema';
import { deliveryRecords } from './delivery.repository';
import type { WebhookDeliveryRow } from './delivery.schema';
import { nextAttemptAt } from './retry-schedule';
import type { SendOutcome } from './webhook-sender';

export interface OutcomePolicy {
  schedule: readonly number[];
  disableAfterMs: number;
}

/**
 * Writes what one attempt came to, in the tenant's transaction: the log row, the delivery's next state (done,
 * retried per the schedule, or given up), and the endpoint's health — a success clears `failing_since`; failing
 * for longer than `disableAfterMs` disables the endpoint and tells its owner (`webhook-endpoint.disabled`).
 */
export async function recordOutcome(
  tx: MySqlDb,
  endpoint: WebhookEndpointRow,
  delivery: WebhookDeliveryRow,
  topic: string,
  outcome: SendOutcome,
  policy: OutcomePolicy,
  now = new Date(),
): Promise<'succeeded' | 'retrying' | 'failed'> {
  const records = deliveryRecords(tx);
  const endpoints = endpointRecords(tx);
  const attempt = delivery.attempts + 1;
  await records.recordAttempt({
    id: ulid(),
    endpointId: endpoint.id,
    deliveryId: delivery.id,
    eventId: delivery.eventId,
    topic,
    attempt,
    manual: delivery.manual,
    status: outcome.ok ? 'succeeded' : 'failed',
    responseStatus: outcome.status ?? null,
    latencyMs: outcome.latencyMs,
    responseBody: outcome.body ?? null,
    error: outcome.error ?? null,
    attemptedAt: now,
  });
  if (outcome.ok) {
    await records.settleAttempt(delivery.id, delivery.lockedUntil, {
      status: 'succeeded',
      attempts: attempt,
      nextAttemptAt: null,
    });
    if (endpoint.failingSince !== null) await endpoints.update(endpoint.id, { failingSince: null });
    return 'succeeded';
  }
  const next = nextAttemptAt(policy.schedule, attempt, now);
  await records.settleAttempt(delivery.id, delivery.lockedUntil, {
    status: next === undefined ? 'failed' : 'pending',
    attempts: attempt,
    nextAttemptAt: next ?? null,
  });
  const failingSince = endpoint.failingSince ?? now;
  if (now.getTime() - failingSince.getTime() >= policy.disableAfterMs) {
    await endpoints.update(endpoint.id, { enabled: false, disabledReason: 'failing', failingSince });
    await enqueue(
      tx,
      WebhookEndpointDisabled.create(
        {
          endpointId: endpoint.id,
          tenantId: endpoint.tenantId,
          url: endpoint.url,
          failingSince: failingSince.toISOString(),
          lastResponseStatus: outcome.status ?? null,
          disabledAt: now.toISOString(),
        },
        { tenantId: endpoint.tenantId },
      ),
      { key: endpoint.id },
    );
  } else if (endpoint.failingSince === null) {
    await endpoints.update(endpoint.id, {
      failingSince: sql`COALESCE(failing_since, ${now})` as unknown as Date,
    });
  }
  return next === undefined ? 'failed' : 'retrying';
}
