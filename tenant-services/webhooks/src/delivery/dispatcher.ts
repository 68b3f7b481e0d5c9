import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MySqlDatabase, type Sweeper } from '@marketplace/service-kit';
import { acrossTenants, withinTenant } from '@marketplace/tenancy';
import { ssrfGuardOn, type WebhooksConfig } from '../config';
import { WEBHOOKS_CONFIG } from '../config.token';
import type { WebhookEndpointRow } from '../endpoints/endpoint.schema';
import { activeSecrets } from '../endpoints/secrets';
import { deliveryRecords, dispatchRecords } from './delivery.repository';
import type { WebhookDeliveryRow } from './delivery.schema';
import { recordOutcome } from './delivery-outcomes';
import { signedHeaders } from './signature';
import { LOGGED_BODY_CHARS, WebhookSender } from './webhook-sender';

/** Endpoints looked at per sweep; more wait for the next sweep. */
const ENDPOINTS_PER_SWEEP = 1000;
/** A claim outlives the attempt's timeout by this much, so a crashed worker's deliveries come back. */
const CLAIM_MARGIN_MS = 30_000;

/**
 * Sends due deliveries. Each endpoint has its own queue and at most `WEBHOOK_ENDPOINT_CONCURRENCY` attempts in
 * flight (never two of one resource, so a resource's events arrive in order), and a sweep never waits for an
 * attempt: a slow or dead endpoint holds only its own slots, never another endpoint's or tenant's deliveries.
 * Claims in the database (`locked_until`) keep several replicas from sending the same delivery at once.
 */
@Injectable()
export class Dispatcher implements Sweeper, OnApplicationShutdown {
  private readonly sender: WebhookSender;
  /** Resource keys in flight per endpoint id. */
  private readonly inFlight = new Map<string, Set<string>>();
  private readonly attempts = new Set<Promise<void>>();
  private inFlightTotal = 0;
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

  /** One pass over every endpoint with due deliveries; a call during a pass makes the pass run once more. */
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
    while (this.attempts.size > 0 || this.sweeping) {
      await Promise.all([...this.attempts, this.sweeping]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.idle();
    this.sender.close();
  }

  private async sweepOnce(): Promise<void> {
    if (this.stopped) return;
    const now = new Date();
    const endpoints = await acrossTenants('webhooks.dispatch', () =>
      dispatchRecords(this.database.db).endpointsWithDueWork(now, ENDPOINTS_PER_SWEEP),
    );
    await Promise.all(endpoints.map((endpoint) => this.fill(endpoint)));
  }

  /** Starts as many of the endpoint's due deliveries as its free slots allow. */
  private async fill(endpoint: WebhookEndpointRow): Promise<void> {
    const busy = this.inFlight.get(endpoint.id) ?? new Set<string>();
    const free = Math.min(
      this.config.WEBHOOK_ENDPOINT_CONCURRENCY - busy.size,
      this.config.WEBHOOK_MAX_IN_FLIGHT - this.inFlightTotal,
    );
    if (free <= 0 || this.stopped) return;
    const now = new Date();
    const claimUntil = new Date(now.getTime() + this.config.WEBHOOK_TIMEOUT_MS + CLAIM_MARGIN_MS);
    await acrossTenants('webhooks.dispatch', async () => {
      const records = dispatchRecords(this.database.db);
      const due = await records.dueDeliveries(endpoint.id, now, free, [...busy]);
      for (const delivery of due) {
        if (busy.has(delivery.resourceKey)) continue;
        if (!(await records.claim(delivery.id, now, claimUntil))) continue;
        busy.add(delivery.resourceKey);
        this.inFlight.set(endpoint.id, busy);
        this.inFlightTotal += 1;
        // The claim is the attempt's token: its outcome applies only while the claim stands.
        const attempt = this.attempt(endpoint, { ...delivery, lockedUntil: claimUntil }).finally(() => {
          busy.delete(delivery.resourceKey);
          if (busy.size === 0) this.inFlight.delete(endpoint.id);
          this.inFlightTotal -= 1;
          this.attempts.delete(attempt);
        });
        this.attempts.add(attempt);
      }
    });
  }

  private async attempt(endpoint: WebhookEndpointRow, delivery: WebhookDeliveryRow): Promise<void> {
    try {
      await withinTenant(delivery.tenantId, () => this.send(endpoint, delivery));
      // The endpoint may have more due now (the next event of this resource): take it without waiting a sweep.
      if (!this.stopped) await this.refill(endpoint.id);
    } catch (error) {
      // A claimed delivery comes back when its claim runs out; anything else waits for the next sweep.
      this.logger.error(
        { err: error, endpointId: endpoint.id, deliveryId: delivery.id },
        'webhook attempt failed to run',
      );
    }
  }

  private async send(endpoint: WebhookEndpointRow, delivery: WebhookDeliveryRow): Promise<void> {
    const db = this.database.db;
    const event = await deliveryRecords(db).event(delivery.eventId);
    if (!event) throw new Error(`webhook event ${delivery.eventId} is missing`);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signedHeaders(activeSecrets(endpoint), event.id, timestamp, event.body);
    const outcome = await this.sender.send(endpoint.id, endpoint.url, headers, event.body);
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
    const result = await db.transaction((tx) =>
      recordOutcome(tx, endpoint, delivery, event.topic, outcome, {
        schedule: this.config.WEBHOOK_RETRY_SCHEDULE,
        disableAfterMs: this.config.WEBHOOK_DISABLE_AFTER,
      }),
    );
    if (result === 'failed')
      this.logger.warn(
        { endpointId: endpoint.id, eventId: event.id },
        'webhook delivery gave up after its last attempt',
      );
  }

  private async refill(endpointId: string): Promise<void> {
    const endpoint = await acrossTenants('webhooks.dispatch', () =>
      dispatchRecords(this.database.db).endpoint(endpointId),
    );
    if (endpoint?.enabled) await this.fill(endpoint);
    else this.sender.forget(endpointId);
  }
}
