import { mapConcurrently, percentile } from './concurrency';

describe('mapConcurrently', () => {
  it('keeps the order of the items and never exceeds the limit of calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3], 2, async (value, index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, value));
      inFlight--;
      return `${index}:${value * 10}`;
    });
    expect(results).toEqual(['0:50', '1:10', '2:40', '3:20', '4:30']);
    expect(peak).toBe(2);
  });

  it('answers an empty list without calling', async () => {
    const map = jest.fn();
    expect(await mapConcurrently([], 3, map)).toEqual([]);
    expect(map).not.toHaveBeenCalled();
  });
});

describe('percentile', () => {
  it('picks the nearest-rank value of unsorted input', () => {
    const values = [9, 1, 5, 3, 7, 2, 8, 4, 6, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeUndefined();
  });
});
