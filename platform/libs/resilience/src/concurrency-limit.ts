/**
 * The limit is full and so is its queue: the work was not started. Answered 503 (GraphQL SERVICE_UNAVAILABLE)
 * by the exception filter, which recognises it by name; the caller may try again shortly.
 */
export class CapacityExceededError extends Error {
  constructor(
    message: string,
    /** Which limit refused (the limiter's name). */
    readonly limit: string,
  ) {
    super(message);
    this.name = 'CapacityExceededError';
  }
}

export interface ConcurrencyLimitOptions {
  /** Names the limit in its refusals and in `CapacityExceededError.limit`. */
  name: string;
  /** Work items running at once (at least 1). */
  concurrency: number;
  /** Work items waiting, in arrival order, for a free slot (0: none wait); one more is refused. */
  queue: number;
  /** The message of a refusal; default names the limit and its sizes. */
  refusal?: string;
}

export interface ConcurrencyLimit {
  /**
   * Runs `work` when a slot is free (at once, or after the work queued before it); refuses with
   * CapacityExceededError, without running it, when the queue is full. The slot is freed however `work` ends.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Work items running now. */
  readonly active: number;
  /** Work items waiting for a slot now. */
  readonly waiting: number;
}

/**
 * Bounds concurrent work of one kind in this process (e.g. checkouts): beyond `concurrency` running items, up to
 * `queue` wait first-in first-out and the rest are refused at once. Overload then shows as quick refusals and
 * bounded latency instead of every request slowing down together until all of them time out. A waiting item
 * runs in its own caller's async context (the caller awaits its turn, then runs its work itself).
 */
export function concurrencyLimit(options: ConcurrencyLimitOptions): ConcurrencyLimit {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
    throw new RangeError(`concurrencyLimit ${options.name}: concurrency must be an integer ≥ 1`);
  if (!Number.isInteger(options.queue) || options.queue < 0)
    throw new RangeError(`concurrencyLimit ${options.name}: queue must be an integer ≥ 0`);
  const refusal =
    options.refusal ??
    `${options.name} is at capacity (${options.concurrency} running, ${options.queue} waiting); try again shortly`;
  // FIFO of the waiters' wake-ups; `head` avoids Array.shift's O(n) on a long queue.
  let waiters: (() => void)[] = [];
  let head = 0;
  let active = 0;

  const acquire = async (): Promise<void> => {
    if (active < options.concurrency) {
      active++;
      return;
    }
    if (waiters.length - head >= options.queue) throw new CapacityExceededError(refusal, options.name);
    // The slot is handed over by `release` (active stays counted), so no newcomer can take it in between.
    await new Promise<void>((resolve) => waiters.push(resolve));
  };

  const release = (): void => {
    if (head < waiters.length) {
      const next = waiters[head]!;
      head++;
      // Drops the woken ones now and then, so a queue that never empties does not grow without end.
      if (head === waiters.length || head >= 1024) {
        waiters = waiters.slice(head);
        head = 0;
      }
      next();
      return;
    }
    active--;
  };

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiters.length - head;
    },
  };
}
