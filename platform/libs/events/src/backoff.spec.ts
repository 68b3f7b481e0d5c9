import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it('grows exponentially with jitter between half and all of the ceiling', () => {
    for (let i = 0; i < 100; i += 1) {
      const first = backoffDelay(1, options);
      const third = backoffDelay(3, options);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      expect(third).toBeGreaterThanOrEqual(200);
      expect(third).toBeLessThanOrEqual(400);
    }
  });

  it('never exceeds the maximum', () => {
    for (let i = 0; i < 100; i += 1) expect(backoffDelay(30, options)).toBeLessThanOrEqual(1000);
  });
});

describe('sleep', () => {
  it('ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
