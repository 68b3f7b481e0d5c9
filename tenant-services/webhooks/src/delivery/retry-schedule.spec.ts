import { nextAttemptAt, parseDuration, retrySchedule } from './retry-schedule';

describe('retry schedule', () => {
  it('reads durations with units', () => {
    expect(['250ms', '5s', '30m', '2h', '1d', '40'].map(parseDuration)).toEqual([
      250, 5_000, 1_800_000, 7_200_000, 86_400_000, 40,
    ]);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('parses the default schedule into eight attempts over about a day, and refuses nonsense', () => {
    const schedule = retrySchedule().parse('0,5s,5m,30m,2h,5h,10h,10h');
    expect(schedule).toHaveLength(8);
    expect(schedule.reduce((sum, delay) => sum + delay, 0) / 3_600_000).toBeCloseTo(27.59, 1);
    expect(retrySchedule().safeParse('0,later').success).toBe(false);
  });

  it('answers when the next attempt is due, and nothing once the schedule is used up', () => {
    const now = new Date('2026-12-02T00:00:00.000Z');
    expect(nextAttemptAt([0, 5_000, 300_000], 1, now)).toEqual(new Date('2026-12-02T00:00:05.000Z'));
    expect(nextAttemptAt([0, 5_000, 300_000], 3, now)).toBeUndefined();
  });
});
