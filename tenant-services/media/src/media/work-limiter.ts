/**
 * Runs at most `concurrency` tasks at once; later ones wait in arrival order. Image decoding holds the whole
 * bitmap in memory, so the number decoded together, not the number of requests, bounds the process's memory.
 */
export class WorkLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new Error('concurrency must be a positive integer');
  }

  /** Tasks running and waiting now (for metrics). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task, so a newcomer cannot take it in between.
      if (next) next();
      else this.active -= 1;
    }
  }
}
