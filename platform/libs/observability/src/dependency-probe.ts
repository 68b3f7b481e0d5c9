import type { ReadinessCheck } from './observability.options';

export interface DependencyProbeOptions {
  /** Least time between two probes; readiness asked in between reads the latest result. Default 1000 ms. */
  intervalMs?: number;
  /** Budget of one probe; a slower one counts as failed. Default 2000 ms. */
  timeoutMs?: number;
  /** Failed probes in a row before the dependency counts as down. Default 2. */
  failuresToDown?: number;
}

/**
 * Readiness of a dependency from probes run at most every `intervalMs`, down only after `failuresToDown` failed
 * probes in a row: one slow or lost call does not flip readiness. Probes start when readiness is asked (no timer
 * of its own, nothing to stop) and the check answers from the probes finished so far, so it never waits on one.
 */
export class DependencyProbe {
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly failuresToDown: number;
  private failures = 0;
  private lastError = '';
  private lastStartedAt = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dependency: string,
    private readonly probe: (signal: AbortSignal) => Promise<unknown>,
    options: DependencyProbeOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.failuresToDown = options.failuresToDown ?? 2;
  }

  readonly check: ReadinessCheck = () => {
    if (!this.running && Date.now() - this.lastStartedAt >= this.intervalMs) {
      this.lastStartedAt = Date.now();
      this.running = this.probeOnce().finally(() => {
        this.running = undefined;
      });
    }
    if (this.failures >= this.failuresToDown)
      throw new Error(`${this.dependency}: ${this.failures} probes in a row failed, last: ${this.lastError}`);
  };

  private async probeOnce(): Promise<void> {
    try {
      await this.probe(AbortSignal.timeout(this.timeoutMs));
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }
}
