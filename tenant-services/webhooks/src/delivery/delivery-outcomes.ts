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

/** One attempt that has been sent: the claimed delivery, its endpoint as claimed, and what came back. */
export interface SentAttempt {
  endpoint: WebhookEndpointRow;
  delivery: WebhookDeliveryRow;
  topic: string;
  outcome: SendOutcome;
}

const logRow = ({ endpoint, delivery, topic, outcome }: SentAttempt, now: Date) => ({
  id: ulid(),
  endpointId: endpoint.id,
  deliveryId: delivery.id,
  eventId: delivery.eventId,
  topic,
  attempt: delivery.attempts + 1,
  manual: delivery.manual,
  status: outcome.ok ? ('succeeded' as const) : ('failed' as const),
  responseStatus: outcome.status ?? null,
  latencyMs: outcome.latencyMs,
  responseBody: outcome.body ?? null,
  error: outcome.error ?? null,
  attemptedAt: now,
});

/**
 * Writes the successful attempts of one tenant in its transaction, a few statements for all of them: the log rows,
 * their deliveries done (while their claims stand), and a failing endpoint healthy again (`failing_since` cleared).
 */
export async function recordSuccesses(
  tx: MySqlDb,
  sent: readonly SentAttempt[],
  now = new Date(),
): Promise<void> {
  await deliveryRecords(tx).recordAttempts(sent.map((attempt) => logRow(attempt, now)));
  await deliveryRecords(tx).settleSucceeded(
    sent.map((attempt) => attempt.delivery),
    now,
  );
  const recovered = new Set(
    sent.filter((attempt) => attempt.endpoint.failingSince !== null).map((attempt) => attempt.endpoint.id),
  );
  for (const endpointId of recovered) await endpointRecords(tx).update(endpointId, { failingSince: null });
}

/**
 * Writes what one failed attempt came to, in the tenant's transaction: the log row, the delivery's next state
 * (retried per the schedule, or given up), and the endpoint's health — failing for longer than `disableAfterMs`
 * disables the endpoint and tells its owner (`webhook-endpoint.disabled`).
 */
export async function recordFailure(
  tx: MySqlDb,
  sent: SentAttempt,
  policy: OutcomePolicy,
  now = new Date(),
): Promise<'retrying' | 'failed'> {
  const { endpoint, delivery, outcome } = sent;
  const records = deliveryRecords(tx);
  const endpoints = endpointRecords(tx);
  const attempt = delivery.attempts + 1;
  await records.recordAttempts([logRow(sent, now)]);
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
