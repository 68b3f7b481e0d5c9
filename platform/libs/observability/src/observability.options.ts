import type { DestinationStream } from 'pino';

/**
 * Resolves when the dependency answers; throws (or rejects) when it does not, which takes the instance out of
 * load balancing (503), or, for a degraded check (`degradedChecks`), reports it `degraded` with HTTP 200.
 */
export type ReadinessCheck = (signal: AbortSignal) => unknown;

export interface ObservabilityOptions {
  service: string;
  /** pino level; default `info`. */
  logLevel?: string;
  /** Named dependency checks behind `GET /health/ready`, e.g. `{ mysql: () => pool.query('SELECT 1') }`. */
  readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
  /**
   * Dependencies the service keeps answering without (Kafka behind the outbox, Keycloak behind its cached keys):
   * one that is down shows in the readiness answer (`status: degraded`, named under `error`) while the answer stays
   * 200, so that an outage of a shared dependency does not take every replica out of load balancing.
   */
  degradedChecks?: Readonly<Record<string, ReadinessCheck>>;
  /** Budget per readiness check; a slower check counts as down. Default 3000 ms. */
  readinessTimeoutMs?: number;
  /** Log destination; default stdout. */
  logDestination?: DestinationStream;
}
