import type { DestinationStream } from 'pino';

/** Resolves when the dependency answers; throws (or rejects) when it does not. */
export type ReadinessCheck = (signal: AbortSignal) => unknown;

export interface ObservabilityOptions {
  service: string;
  /** pino level; default `info`. */
  logLevel?: string;
  /** Named dependency checks behind `GET /health/ready`, e.g. `{ mysql: () => pool.query('SELECT 1') }`. */
  readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
  /** Budget per readiness check; a slower check counts as down. Default 3000 ms. */
  readinessTimeoutMs?: number;
  /** Log destination; default stdout. */
  logDestination?: DestinationStream;
}
