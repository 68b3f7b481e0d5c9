import { AsyncLocalStorage } from 'node:async_hooks';
import { CapacityExceededError, concurrencyLimit } from './concurrency-limit';

/** A work item the test finishes by hand, recording when it started. */
function gate(started: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    work: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(name),
    fail: (error: Error) => fail(error),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it('runs at most `concurrency` items at once and starts the waiting ones in arrival order', async () => {
    const limit = concurrencyLimit({ name: 'checkout', concurrency: 2, queue: 10 });
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd', 'e'].map((name) => gate(started, name));
    const results = gates.map((g) => limit.run(g.work));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect([limit.active, limit.waiting]).toEqual([2, 3]);

    gates[1]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    gates[0]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect([limit.active, limit.waiting]).toEqual([2, 1]);

    gates[2]!.finish();
    gates[3]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    gates[4]!.finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([limit.active, limit.waiting]).toEqual([0, 0]);
  });

  it('refuses work beyond the queue at once with CapacityExceededError, without running it', async () => {
    const limit = concurrencyLimit({ name: 'checkout', concurrency: 1, queue: 2 });
    const started: string[] = [];
    const gates = ['a', 'b', 'c'].map((name) => gate(started, name));
    const accepted = gates.map((g) => limit.run(g.work));
    let ranRefused = false;
    const refused = limit.run(async () => {
      ranRefused = true;
    });
    await expect(refused).rejects.toThrow(CapacityExceededError);
    await expect(refused).rejects.toMatchObject({
      name: 'CapacityExceededError',
      limit: 'checkout',
      message: 'checkout is at capacity (1 running, 2 waiting); try again shortly',
    });
    expect(ranRefused).toBe(false);
    expect([limit.active, limit.waiting]).toEqual([1, 2]);

    // Once a waiting item has started, there is room in the queue again.
    gates[0]!.finish();
    await settle();
    const fourth = gate(started, 'd');
    const late = limit.run(fourth.work);
    gates[1]!.finish();
    gates[2]!.finish();
    await settle();
    fourth.finish();
    await expect(Promise.all([...accepted, late])).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('with queue 0 refuses everything beyond the running items, with the message it was given', async () => {
    const limit = concurrencyLimit({
      name: 'checkout',
      concurrency: 1,
      queue: 0,
      refusal: 'Too many checkouts at once; please try again in a few seconds',
    });
    const started: string[] = [];
    const running = gate(started, 'a');
    const result = limit.run(running.work);
    await expect(limit.run(async () => 'b')).rejects.toThrow(
      'Too many checkouts at once; please try again in a few seconds',
    );
    running.finish();
    await expect(result).resolves.toBe('a');
    await expect(limit.run(async () => 'c')).resolves.toBe('c');
  });

  it('frees the slot when the work fails or throws, and hands the failure to its caller only', async () => {
    const limit = concurrencyLimit({ name: 'checkout', concurrency: 1, queue: 5 });
    const started: string[] = [];
    const failing = gate(started, 'a');
    const first = limit.run(failing.work);
    const throwing = limit.run(() => {
      throw new Error('synchronous failure');
    });
    const next = gate(started, 'c');
    const third = limit.run(next.work);
    failing.fail(new Error('declined'));
    await expect(first).rejects.toThrow('declined');
    await expect(throwing).rejects.toThrow('synchronous failure');
    await settle();
    expect(started).toEqual(['a', 'c']);
    next.finish();
    await expect(third).resolves.toBe('c');
    expect([limit.active, limit.waiting]).toEqual([0, 0]);
  });

  it("runs queued work in its own caller's async context", async () => {
    const context = new AsyncLocalStorage<string>();
    const limit = concurrencyLimit({ name: 'checkout', concurrency: 1, queue: 5 });
    const started: string[] = [];
    const first = gate(started, 'first');
    const results = [
      context.run('buyer-1', () => limit.run(first.work)),
      context.run('buyer-2', () => limit.run(async () => context.getStore())),
      context.run('buyer-3', () => limit.run(async () => context.getStore())),
    ];
    first.finish();
    await expect(Promise.all(results)).resolves.toEqual(['first', 'buyer-2', 'buyer-3']);
  });

  it('keeps its bounds over many items passing through a long queue', async () => {
    const limit = concurrencyLimit({ name: 'checkout', concurrency: 3, queue: 5_000 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const results = Array.from({ length: 3_000 }, (_, i) =>
      limit.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await settle();
        running--;
        return i;
      }),
    );
    const values = await Promise.all(results);
    expect(values).toEqual(Array.from({ length: 3_000 }, (_, i) => i));
    expect(order).toEqual(values);
    expect(peak).toBe(3);
    expect([limit.active, limit.waiting]).toEqual([0, 0]);
  });

  it('refuses nonsensical sizes', () => {
    expect(() => concurrencyLimit({ name: 'x', concurrency: 0, queue: 1 })).toThrow(RangeError);
    expect(() => concurrencyLimit({ name: 'x', concurrency: 1.5, queue: 1 })).toThrow(RangeError);
    expect(() => concurrencyLimit({ name: 'x', concurrency: 1, queue: -1 })).toThrow(RangeError);
  });
});
