import type { Logger } from './logger';
import type { PeriodicJobMetrics, ServiceMetrics } from './metrics';

export interface PeriodicJobOptions {
  /** Names the job in its log lines and in the `job` label of its metrics, e.g. `reservation-expiry-sweep`. */
  name: string;
  /** Time between two runs; 0 never runs the job on a timer (tests call `runOnce()` or the job's own method). */
  intervalMs: number;
  /** One run. A failure is logged and counted, and the next tick runs again; business errors stay the job's. */
  run: () => Promise<unknown>;
}

/**
 * A background loop: runs `run` every `intervalMs`, one run at a time (a tick that finds the previous run still
 * going joins it instead of starting another), on an unref'd timer so it never holds the process open. Each run
 * is timed and counted (`periodic_job_*` metrics); `stop()` cancels the timer and waits for the run in flight.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private consecutiveFailures = 0;
  private readonly metrics: PeriodicJobMetrics;

  constructor(
    private readonly options: PeriodicJobOptions,
    private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    if (!Number.isSafeInteger(options.intervalMs) || options.intervalMs < 0)
      throw new Error(`${options.name}: intervalMs must be a non-negative integer`);
    this.metrics = metrics.periodicJobs();
  }

  get name(): string {
    return this.options.name;
  }

  /** A run is in flight. */
  get running(): boolean {
    return this.inFlight !== undefined;
  }

  /** Starts the timer (nothing when the interval is 0 or it already runs); the first run is one interval away. */
  start(): void {
    if (this.timer || this.options.intervalMs === 0) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Runs now, or joins the run in flight. Never rejects: a failure is logged and counted. */
  runOnce(): Promise<void> {
    this.inFlight ??= this.execute().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** No further runs; resolves once the run in flight (if any) has finished. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private async execute(): Promise<void> {
    const job = this.options.name;
    const started = performance.now();
    let outcome: 'success' | 'failure' = 'success';
    try {
      await this.options.run();
      if (this.consecutiveFailures > 0)
        this.logger.info({ job, failures: this.consecutiveFailures }, `${job} recovered`);
      this.consecutiveFailures = 0;
    } catch (error) {
      outcome = 'failure';
      this.consecutiveFailures += 1;
      this.metrics.failures.inc({ job });
      this.logger.error(
        {
          err: error,
          job,
          consecutiveFailures: this.consecutiveFailures,
          durationMs: Math.round(performance.now() - started),
          retryInMs: this.options.intervalMs || undefined,
        },
        `${job} failed`,
      );
    } finally {
      const endedAt = Date.now() / 1000;
      this.metrics.duration.observe({ job, outcome }, (performance.now() - started) / 1000);
      this.metrics.lastRun.set({ job }, endedAt);
      if (outcome === 'success') this.metrics.lastSuccess.set({ job }, endedAt);
    }
  }
}
