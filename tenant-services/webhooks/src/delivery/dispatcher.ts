import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MySqlDatabase, type Sweeper } from '@marketplace/service-kit';
import { acrossTenants, withinTenant } from '@marketplace/tenancy';
import { ulid } from 'ulid';
import { ssrfGuardOn, type WebhooksConfig } from '../config';
import { WEBHOOKS_CONFIG } from '../config.token';
import type { WebhookEndpointRow } from '../endpoints/endpoint.schema';
import { activeSecrets } from '../endpoints/secrets';
import { dispatchRecords } from './delivery.repository';
import type { WebhookDeliveryRow, WebhookEventRow } from './delivery.schema';
import { recordFailure, recordSuccesses, type SentAttempt } from './delivery-outcomes';
import { signedHeaders } from './signature';
import { LOGGED_BODY_CHARS, WebhookSender } from './webhook-sender';

/** A claim outlives the attempt's timeout by this much, so a crashed worker's deliveries come back. */
const CLAIM_MARGIN_MS = 30_000;
/**
 * Outcome batches written at once. Never two outcomes of one resource: its next delivery is claimed only after the
 * earlier one's outcome is written.
 */
const WRITERS = 4;

interface Job {
  endpoint: WebhookEndpointRow;
  delivery: WebhookDeliveryRow;
  event: WebhookEventRow;
}

interface PendingOutcome extends SentAttempt {
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * Sends due deliveries (ADR 0028, 0051). A sweep claims, in a few statements, the due deliveries of every endpoint
 * up to its free slots — at most `WEBHOOK_ENDPOINT_CONCURRENCY` requests in flight per endpoint, each delivery the
 * oldest pending one of its resource, so a resource's events arrive in order — and starts them without waiting: a
 * slow or dead endpoint holds only its own slots, never another endpoint's or tenant's deliveries. Outcomes are
 * written together (successes in one transaction per tenant); a resource's next delivery becomes due once its
 * earlier outcome is written. Claims in the database (`locked_until`, `claim_token`) keep several replicas from
 * sending the same delivery at once.
 */
@Injectable()
export class Dispatcher implements Sweeper, OnApplicationShutdown {
  private readonly sender: WebhookSender;
  /** Requests in flight per endpoint id. */
  private readonly sending = new Map<string, number>();
  private readonly attempts = new Set<Promise<void>>();
  /** Claimed deliveries whose outcome is not written yet (sending or being written). */
  private inFlightTotal = 0;
  private readonly outcomes: PendingOutcome[] = [];
  /** Writers of outcomes running; each takes everything recorded while it wrote its previous batch. */
  private readonly writers = new Set<Promise<void>>();
  private sweeping: Promise<void> | undefined;
  private sweepAgain = false;
  private stopped = false;

  constructor(
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly database: MySqlDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.sender = new WebhookSender({
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      guard: ssrfGuardOn(config),
      socketsPerEndpoint: config.WEBHOOK_ENDPOINT_CONCURRENCY,
    });
  }

  /** One claim of every endpoint's due deliveries; a call during a sweep makes it run once more. */
  sweep(): Promise<void> {
    if (this.sweeping) {
      this.sweepAgain = true;
      return this.sweeping;
    }
    this.sweeping = (async () => {
      do {
        this.sweepAgain = false;
        await this.sweepOnce();
      } while (this.sweepAgain && !this.stopped);
    })().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  /** Soon after new deliveries were committed (the caller's transaction ends right after it returns). */
  nudge(): void {
    setTimeout(() => {
      this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'webhook dispatch failed'));
    }, 5).unref();
  }

  /** Resolves once every attempt started so far has been recorded (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.attempts.size > 0 || this.sweeping || this.writers.size > 0) {
      await Promise.all([...this.attempts, this.sweeping, ...this.writers]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.idle();
    this.sender.close();
  }

  private async sweepOnce(): Promise<void> {
    const room = this.config.WEBHOOK_MAX_IN_FLIGHT - this.inFlightTotal;
    if (this.stopped || room <= 0) return;
    this.sender.forgetIdle();
    const now = new Date();
    const claimUntil = new Date(now.getTime() + this.config.WEBHOOK_TIMEOUT_MS + CLAIM_MARGIN_MS);
    const jobs = await acrossTenants('webhooks.dispatch', () => this.claim(now, claimUntil, room));
    for (const job of jobs) this.start(job);
  }

  /** Claims up to `room` due deliveries within each endpoint's free slots, with their events and endpoints. */
  private async claim(now: Date, claimUntil: Date, room: number): Promise<Job[]> {
    const perEndpoint = this.config.WEBHOOK_ENDPOINT_CONCURRENCY;
    const records = dispatchRecords(this.database.db);
    const heads = await records.dueHeads(now, perEndpoint, this.config.WEBHOOK_MAX_IN_FLIGHT);
    const taken = new Map<string, number>();
    const picked: WebhookDeliveryRow[] = [];
    for (const delivery of heads) {
      if (picked.length >= room) break;
      const busy = (this.sending.get(delivery.endpointId) ?? 0) + (taken.get(delivery.endpointId) ?? 0);
      if (busy >= perEndpoint) continue;
      taken.set(delivery.endpointId, (taken.get(delivery.endpointId) ?? 0) + 1);
      picked.push(delivery);
    }
    if (picked.length === 0) return [];
    const ids = picked.map((delivery) => delivery.id);
    const token = ulid();
    // Events and endpoints are read while the claim is made: one round trip instead of two.
    const [claimed, events, endpoints] = await Promise.all([
      records.claim(ids, now, claimUntil, token),
      records.events([...new Set(picked.map((delivery) => delivery.eventId))]),
      records.endpoints([...new Set(picked.map((delivery) => delivery.endpointId))]),
    ]);
    // Another replica took some of them meanwhile: read back which are ours.
    const mine = claimed === ids.length ? picked : claimed === 0 ? [] : await records.claimedBy(ids, token);
    const eventById = new Map(events.map((event) => [event.id, event]));
    const endpointById = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    const jobs: Job[] = [];
    for (const delivery of mine) {
      const event = eventById.get(delivery.eventId);
      const endpoint = endpointById.get(delivery.endpointId);
      // The claim is the attempt's token: its outcome applies only while the claim stands.
      if (event && endpoint)
        jobs.push({ event, endpoint, delivery: { ...delivery, lockedUntil: claimUntil } });
      else
        this.logger.error(
          { deliveryId: delivery.id, eventId: delivery.eventId, endpointId: delivery.endpointId },
          'webhook delivery without its event or endpoint',
        );
    }
    return jobs;
  }

  private start(job: Job): void {
    const endpointId = job.endpoint.id;
    this.sending.set(endpointId, (this.sending.get(endpointId) ?? 0) + 1);
    this.inFlightTotal += 1;
    let answered = false;
    // The endpoint's slot is free once the answer is in: the delivery stays claimed until its outcome is written,
    // so neither it nor the next event of its resource goes out meanwhile.
    const sent = () => {
      if (answered) return;
      answered = true;
      const left = (this.sending.get(endpointId) ?? 1) - 1;
      if (left === 0) this.sending.delete(endpointId);
      else this.sending.set(endpointId, left);
      if (!this.stopped) this.nudge();
    };
    const attempt = this.attempt(job, sent).finally(() => {
      sent();
      this.inFlightTotal -= 1;
      this.attempts.delete(attempt);
    });
    this.attempts.add(attempt);
  }

  private async attempt({ endpoint, delivery, event }: Job, sent: () => void): Promise<void> {
    try {
      const outcome = await withinTenant(delivery.tenantId, () => {
        const headers = signedHeaders(
          activeSecrets(endpoint),
          event.id,
          Math.floor(Date.now() / 1000),
          event.body,
        );
        return this.sender.send(endpoint.id, endpoint.url, headers, event.body);
      });
      sent();
      if (!outcome.ok)
        this.logger.warn(
          {
            endpointId: endpoint.id,
            eventId: event.id,
            attempt: delivery.attempts + 1,
            status: outcome.status,
            error: outcome.error,
            responseBody: outcome.body?.slice(0, LOGGED_BODY_CHARS),
          },
          'webhook attempt failed',
        );
      await this.record({ endpoint, delivery, topic: event.topic, outcome });
    } catch (error) {
      // A claimed delivery comes back when its claim runs out.
      this.logger.error(
        { err: error, endpointId: endpoint.id, deliveryId: delivery.id },
        'webhook attempt failed to run',
      );
    }
  }

  /** Resolves once the outcome is written: outcomes that come in while others are written go together next. */
  private record(sent: SentAttempt): Promise<void> {
    return new Promise((written, failed) => {
      this.outcomes.push({ ...sent, written, failed });
      if (this.writers.size < WRITERS) {
        const writer: Promise<void> = this.writeOutcomes(() => this.writers.delete(writer));
        this.writers.add(writer);
      }
    });
  }

  private async writeOutcomes(done: () => void): Promise<void> {
    for (;;) {
      // Checked and left in one step: an outcome recorded after this starts another writer.
      if (this.outcomes.length === 0) return done();
      const batch = this.outcomes.splice(0);
      await Promise.all([
        this.writeSuccesses(batch.filter((pending) => pending.outcome.ok)),
        ...batch.filter((pending) => !pending.outcome.ok).map((pending) => this.writeFailure(pending)),
      ]);
      // Their slots are free and the next events of their resources are due: claim them now.
      if (!this.stopped) this.nudge();
    }
  }

  private async writeFailure(pending: PendingOutcome): Promise<void> {
    try {
      const result = await withinTenant(pending.delivery.tenantId, () =>
        this.database.db.transaction((tx) =>
          recordFailure(tx, pending, {
            schedule: this.config.WEBHOOK_RETRY_SCHEDULE,
            disableAfterMs: this.config.WEBHOOK_DISABLE_AFTER,
          }),
        ),
      );
      if (result === 'failed')
        this.logger.warn(
          { endpointId: pending.endpoint.id, eventId: pending.delivery.eventId },
          'webhook delivery gave up after its last attempt',
        );
      pending.written();
    } catch (error) {
      pending.failed(error);
    }
  }

  /** The successes that came in together: a transaction of a few statements per tenant, tenants side by side. */
  private async writeSuccesses(succeeded: PendingOutcome[]): Promise<void> {
    const byTenant = new Map<string, PendingOutcome[]>();
    for (const entry of succeeded)
      byTenant.set(entry.delivery.tenantId, [...(byTenant.get(entry.delivery.tenantId) ?? []), entry]);
    await Promise.all(
      [...byTenant].map(async ([tenantId, entries]) => {
        try {
          await withinTenant(tenantId, () =>
            this.database.db.transaction((tx) => recordSuccesses(tx, entries)),
          );
          for (const entry of entries) entry.written();
        } catch (error) {
          for (const entry of entries) entry.failed(error);
        }
      }),
    );
  }
}
