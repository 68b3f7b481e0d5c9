import type { ReadinessCheck } from '@marketplace/observability';

/**
 * The dependency checks behind `GET /health/ready`. The store module declares its own; a provider that opens
 * another dependency while the app builds (an object store, say) adds its check here.
 */
export class ReadinessChecks {
  readonly checks: Record<string, ReadinessCheck>;

  constructor(initial: Readonly<Record<string, ReadinessCheck>> = {}) {
    this.checks = { ...initial };
  }

  add(name: string, check: ReadinessCheck): void {
    if (name in this.checks) throw new Error(`Readiness check ${name} is declared twice`);
    this.checks[name] = check;
  }
}
