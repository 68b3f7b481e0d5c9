import { BackoffOptions, backoffDelay, sleep } from './backoff';
import { EventsLogger, stderrLogger } from './logger';

export interface PollingRelayOptions {
  logger?: EventsLogger;
  /** Idle polling interval. */
  pollIntervalMs: number;
  /** Delays between passes while Kafka or the database fail. Default 200 ms doubling up to 10 s. */
  backoff?: BackoffOptions;
  /** Receives the number of unpublished events every `depthIntervalMs` (e.g. to set a gauge). */
  onDepth?: (depth: number) => void;
  /** Default 5000 ms. */
  depthIntervalMs?: number;
}

/**
 * The loop both outbox relays share: run passes while there is work, idle between them (cut short by
 * `notify()`), back off while passes fail, report the depth, and stop after the pass in flight.
 */
export abstract class PollingRelay {
  protected readonly logger: EventsLogger;
  private readonly backoff: BackoffOptions;
  private loop: Promise<void> | undefined;
  protected stopSignal = new AbortController();
  private wake: (() => void) | undefined;
  /** A notify() that arrived while a pass was running: the next idle wait is skipped. */
  private wakeRequested = false;
  private depthTimer: NodeJS.Timeout | undefined;

  protected constructor(private readonly loopOptions: PollingRelayOptions) {
    this.logger = loopOptions.logger ?? stderrLogger;
    this.backoff = loopOptions.backoff ?? { initialMs: 200, maxMs: 10_000 };
  }

  /** Events not yet published. */
  abstract depth(): Promise<number>;

  /** Publishes what it can; true when more is waiting at once. Throws when the pass failed. */
  protected abstract pass(): Promise<boolean>;

  /** Closes what the relay opened (e.g. the Kafka connection) after the last pass. */
  protected abstract closeResources(): Promise<void>;

  get running(): boolean {
    return this.loop !== undefined;
  }

  start(): void {
    if (this.loop) return;
    this.stopSignal = new AbortController();
    this.loop = this.run();
    const onDepth = this.loopOptions.onDepth;
    if (onDepth) {
      const report = () => {
        this.depth().then(onDepth, (error: unknown) =>
          this.logger.warn({ err: error }, 'outbox depth query failed'),
        );
      };
      report();
      this.depthTimer = setInterval(report, this.loopOptions.depthIntervalMs ?? 5000);
      this.depthTimer.unref();
    }
  }

  /** Finishes the pass in flight, then closes the relay's resources. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopSignal.abort();
    this.wake?.();
    if (this.depthTimer) clearInterval(this.depthTimer);
    await this.loop;
    await this.closeResources().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'closing outbox producer failed'),
    );
    this.loop = undefined;
  }

  /** Wakes an idle relay at once, e.g. right after a write that added events. */
  notify(): void {
    if (this.wake) this.wake();
    else this.wakeRequested = true;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopSignal.signal.aborted) {
      let moreWaiting: boolean;
      try {
        moreWaiting = await this.pass();
      } catch (error) {
        failures += 1;
        const delay = backoffDelay(failures, this.backoff);
        this.logger.warn({ err: error, failures, retryInMs: delay }, 'outbox relay failed; retrying');
        await sleep(delay, this.stopSignal.signal);
        continue;
      }
      if (failures > 0) this.logger.info({ failures }, 'outbox relay recovered');
      failures = 0;
      if (!moreWaiting) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.loopOptions.pollIntervalMs);
      this.wake = done;
      if (this.stopSignal.signal.aborted) done();
    });
  }
}
