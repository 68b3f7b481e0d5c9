import { KeyedLanes, PartitionProgress } from './keyed-lanes';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedLanes', () => {
  it("runs one lane's work in order, lanes side by side, never more than the limit at once", async () => {
    const lanes = new KeyedLanes(3, (error) => {
      throw error;
    });
    const order: string[] = [];
    let running = 0;
    let most = 0;
    for (let item = 0; item < 5; item += 1)
      for (const lane of ['a', 'b', 'c', 'd'])
        await lanes.schedule(lane, async () => {
          running += 1;
          most = Math.max(most, running);
          await tick(lane === 'a' ? 1 : 7 - item);
          order.push(`${lane}${item}`);
          running -= 1;
        });
    await lanes.drain();
    for (const lane of ['a', 'b', 'c', 'd'])
      expect(order.filter((entry) => entry.startsWith(lane))).toEqual(
        [0, 1, 2, 3, 4].map((n) => `${lane}${n}`),
      );
    expect(most).toBe(3);
    expect(order).toHaveLength(20);
  });

  it('hands a failure to onError and goes on with the lane', async () => {
    const errors: unknown[] = [];
    const lanes = new KeyedLanes(2, (error) => errors.push(error));
    const done: number[] = [];
    await lanes.schedule('a', async () => {
      throw new Error('boom');
    });
    await lanes.schedule('a', async () => void done.push(2));
    await lanes.drain();
    expect(done).toEqual([2]);
    expect(errors).toEqual([new Error('boom')]);
  });
});

describe('PartitionProgress', () => {
  it('commits only over a prefix of settled messages, and never past one left unsettled', () => {
    const progress = new PartitionProgress<number>();
    const [m1, m2, m3, m4, m5] = [1, 2, 3, 4, 5].map((offset) => progress.started(offset));
    expect(progress.finished(m2!, true)).toBeUndefined();
    expect(progress.finished(m3!, true)).toBeUndefined();
    expect(progress.finished(m1!, true)).toBe(3);
    expect(progress.finished(m4!, false)).toBeUndefined();
    expect(progress.finished(m5!, true)).toBeUndefined();
  });
});
