import { bool, int, notOneOf, oneOf, productionGuard } from '@marketplace/config';
import { mySqlServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';
import { parseDuration, retrySchedule } from './delivery/retry-schedule';

const duration = (what: string) =>
  z.string().transform((value, context) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      context.addIssue({ code: 'custom', message: `expected ${what} like 5s, 30m, 2h or 5d` });
      return z.NEVER;
    }
    return ms;
  });

export const configSchema = z.object({
  ...mySqlServiceSettings({ service: 'webhooks', port: 4111 }),
  ...tenantStatusSettings,
  ...offboardingSettings('webhooks'),
  /** Delay before each attempt (the first is the initial delivery); as many attempts as entries. */
  WEBHOOK_RETRY_SCHEDULE: retrySchedule().default([
    0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
  ]),
  /** One attempt's whole exchange (connect, send, answer) is cut after this. */
  WEBHOOK_TIMEOUT_MS: int({ min: 100, max: 60_000 }).default(10_000),
  /** Attempts in flight to one endpoint at once (at most one per resource, so order per resource holds). */
  WEBHOOK_ENDPOINT_CONCURRENCY: int({ min: 1, max: 64 }).default(4),
  /** Attempts in flight in this process over all endpoints. */
  WEBHOOK_MAX_IN_FLIGHT: int({ min: 1, max: 10_000 }).default(256),
  /** How often due deliveries are looked for; 0 disables the scheduler (tests drive it). */
  WEBHOOK_DISPATCH_INTERVAL_MS: productionGuard(
    int({ min: 0, max: 60_000 }).default(100),
    notOneOf([0], 'a disabled delivery scheduler'),
  ),
  /** An endpoint whose deliveries have failed without a success for this long is disabled and its owner told. */
  WEBHOOK_DISABLE_AFTER: duration('a duration').default(5 * 86_400_000),
  /** Rotation keeps the previous secret signing for this long unless the caller names another overlap. */
  WEBHOOK_ROTATION_OVERLAP: duration('a duration').default(86_400_000),
  /** Delivery log and delivered events are kept this long. */
  WEBHOOK_LOG_RETENTION: duration('a duration').default(30 * 86_400_000),
  /** How often the retention sweep deletes old log rows. */
  WEBHOOK_RETENTION_SWEEP_INTERVAL_MS: int({ min: 0, max: 86_400_000 }).default(3_600_000),
  /**
   * Refuse private, loopback and link-local targets (after DNS resolution) and plain http. Always on with
   * NODE_ENV=production whatever this says (see `ssrfGuardOn`); off by default locally so integrators can point
   * an endpoint at a receiver on their own machine.
   */
  WEBHOOK_SSRF_GUARD: bool().default(false),
  /**
   * Where the consumer group starts when it has no committed offsets: `earliest` replays the topics' history
   * (only events some endpoint subscribes to are kept), `latest` only what is published from now on.
   */
  WEBHOOK_EVENTS_START_FROM: oneOf(['earliest', 'latest']).default('earliest'),
  /**
   * Domain events ingested together at most: what arrived while the previous batch ran goes in one transaction
   * (a few statements per tenant, not per event), batches one after the other in offset order (ADR 0051).
   */
  WEBHOOK_INGEST_BATCH: int({ min: 1, max: 2_000 }).default(500),
  /** Consumer group reading the domain topics that webhooks are made of. */
  WEBHOOK_EVENTS_GROUP: z.string().min(1).default('webhooks'),
});

export type WebhooksConfig = z.output<typeof configSchema>;

/** The guard applies in production, and wherever it is switched on. */
export function ssrfGuardOn(config: Pick<WebhooksConfig, 'NODE_ENV' | 'WEBHOOK_SSRF_GUARD'>): boolean {
  return config.WEBHOOK_SSRF_GUARD || config.NODE_ENV === 'production';
}
