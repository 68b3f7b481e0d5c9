import type { ReadinessCheck } from '@marketplace/observability';

/**
 * The dependency checks behind `GET /health/ready`. The store module declares its own; a provider that opens
 * another dependency while the app builds (an object store, say) adds its check here. Degraded checks are the
 * dependencies the service keeps answering without (Kafka behind the outbox, Keycloak behind its cached keys):
 * reported as `degraded` without taking the replica out of load balancing.
 */
export class ReadinessChecks {
  readonly checks: Record<string, ReadinessCheck>;
  readonly degraded: Record<string, ReadinessCheck> = {};

  constructor(initial: Readonly<Record<string, ReadinessCheck>> = {}) {
    this.checks = { ...initial };
  }

  add(name: string, check: ReadinessCheck): void {
    this.declare(name);
    this.checks[name] = check;
  }

  addDegraded(name: string, check: ReadinessCheck): void {
    this.declare(name);
    this.degraded[name] = check;
  }

  private declare(name: string): void {
    if (name in this.checks || name in this.degraded)
      throw new Error(`Readiness check ${name} is declared twice`);
  }
}
