import { WorkLimiter } from './work-limiter';

describe('WorkLimiter', () => {
  it('runs at most `concurrency` tasks at once, the rest in arrival order, and passes failures on', async () => {
    const limiter = new WorkLimiter(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (index: number) =>
      limiter.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running -= 1;
        order.push(index);
        if (index === 2) throw new Error('damaged image');
        return index;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(task));
    expect(most).toBe(2);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(order.indexOf(3)).toBeGreaterThan(order.indexOf(0));
    expect(limiter.load).toEqual({ active: 0, waiting: 0 });
  });
});
