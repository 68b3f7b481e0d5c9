/** How long a problem must last before it is reported, and how long it must be gone before the report clears. */
export const DEGRADE_AFTER_MS = 10_000;
export const RECOVER_AFTER_MS = 30_000;

/**
 * The indexer's health as readiness reports it (ADR 0050), steadied so it does not flap: a problem is reported
 * once it has lasted `degradeAfterMs`, and the report clears only after `recoverAfterMs` without one. The
 * message is the current problem's (or the last one's, while it clears).
 */
export class IndexerHealth {
  private problemSince: number | undefined;
  private clearSince: number | undefined;
  private reported: string | undefined;

  constructor(
    private readonly degradeAfterMs = DEGRADE_AFTER_MS,
    private readonly recoverAfterMs = RECOVER_AFTER_MS,
  ) {}

  /** Records what an evaluation found (undefined: nothing wrong) and answers what to report now. */
  observe(problem: string | undefined, now = Date.now()): string | undefined {
    if (problem !== undefined) {
      this.clearSince = undefined;
      this.problemSince ??= now;
      if (this.reported !== undefined || now - this.problemSince >= this.degradeAfterMs)
        this.reported = problem;
    } else {
      this.problemSince = undefined;
      if (this.reported !== undefined) {
        this.clearSince ??= now;
        if (now - this.clearSince >= this.recoverAfterMs) {
          this.reported = undefined;
          this.clearSince = undefined;
        }
      }
    }
    return this.reported;
  }

  get degraded(): string | undefined {
    return this.reported;
  }
}
