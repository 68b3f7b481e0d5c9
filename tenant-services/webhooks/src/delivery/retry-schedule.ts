import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)(ms|s|m|h|d)?$/;

/** `250ms`, `5s`, `30m`, `2h`, `1d` or a bare number of milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[(match[2] ?? 'ms') as keyof typeof UNIT_MS];
}

/**
 * The delays before each attempt of a delivery, the first counted from the event: `0,5s,5m,30m,2h,5h,10h,10h`
 * (Standard Webhooks' suggested schedule, about 28 hours) makes 8 attempts. Tests shrink it to milliseconds.
 */
export function retrySchedule() {
  return z
    .string()
    .transform((value, context) => {
      const delays = value.split(',').map(parseDuration);
      if (delays.length === 0 || delays.some((delay) => delay === undefined)) {
        context.addIssue({
          code: 'custom',
          message: 'expected a comma-separated list of durations like 0,5s,5m,2h',
        });
        return z.NEVER;
      }
      return delays as number[];
    })
    .pipe(
      z
        .array(
          z
            .number()
            .int()
            .min(0)
            .max(7 * 86_400_000),
        )
        .min(1)
        .max(20),
    );
}

/** When the attempt after `attemptsMade` failed ones is due, or undefined when the schedule is used up. */
export function nextAttemptAt(
  schedule: readonly number[],
  attemptsMade: number,
  now: Date,
): Date | undefined {
  const delay = schedule[attemptsMade];
  return delay === undefined ? undefined : new Date(now.getTime() + delay);
}
