import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { ServiceMetrics } from './metrics';
import { PeriodicJob } from './periodic-job';

/** A pino logger whose JSON lines are kept for the test to read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ service: 'jobs-test', destination }), lines };
}

/** A run the test finishes when it wants. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The value of the sample `name` carrying exactly `labels` (besides `service`), from Prometheus text. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const { service: _service, ...found } = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (JSON.stringify(found) === JSON.stringify(labels)) return Number(match[3]);
  }
  return undefined;
}

describe('PeriodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once per interval and never overlaps a slow run with the next tick', async () => {
    const { logger } = capturedLogger();
    let active = 0;
    let maxActive = 0;
    let started = 0;
    const slow = gate();
    const job = new PeriodicJob(
      {
        name: 'slow-sweep',
        intervalMs: 100,
        run: async () => {
          started += 1;
          active += 1;
          maxActive = Math.max(maxActive, active);
          if (started === 1) await slow.opened;
          active -= 1;
        },
      },
      logger,
      new ServiceMetrics('jobs-test'),
    );
    job.start();
    await jest.advanceTimersByTimeAsync(99);
    expect(started).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toBe(1);
    // Five more ticks pass while the first run hangs: none starts a second run.
    await jest.advanceTimersByTimeAsync(500);
    expect(started).toBe(1);
    expect(job.running).toBe(true);
    slow.open();
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    expect(maxActive).toBe(1);
    await job.stop();
  });

  it('stop() waits for the run in flight and no run starts afterwards', async () => {
    const { logger } = capturedLogger();
    const slow = gate();
    let runs = 0;
    let finished = false;
    const job = new PeriodicJob(
      {
        name: 'stopping-sweep',
        intervalMs: 50,
        run: async () => {
          runs += 1;
          await slow.opened;
          finished = true;
        },
      },
      logger,
      new ServiceMetrics('jobs-test'),
    );
    job.start();
    await jest.advanceTimersByTimeAsync(50);
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(200);
    expect(stopped).toBe(false);
    slow.open();
    await stopping;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(500);
    expect(runs).toBe(1);
  });

  it('logs and counts a failed run with its context, keeps running, and records last-run and duration metrics', async () => {
    const { logger, lines } = capturedLogger();
    const metrics = new ServiceMetrics('jobs-test');
    const job = { job: 'flaky-sweep' };
    let calls = 0;
    const flaky = new PeriodicJob(
      {
        name: 'flaky-sweep',
        intervalMs: 1000,
        run: async () => {
          calls += 1;
          if (calls === 1) throw new Error('database unreachable');
        },
      },
      logger,
      metrics,
    );
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    flaky.start();
    await jest.advanceTimersByTimeAsync(1000);
    let text = await metrics.scrape();
    expect(sample(text, 'periodic_job_failures_total', job)).toBe(1);
    expect(sample(text, 'periodic_job_last_run_timestamp_seconds', job)).toBe(
      Date.parse('2026-01-01T00:00:01Z') / 1000,
    );
    expect(sample(text, 'periodic_job_last_success_timestamp_seconds', job)).toBeUndefined();
    const failure = lines.find((line) => line.msg === 'flaky-sweep failed');
    expect(failure).toMatchObject({
      level: 'error',
      job: 'flaky-sweep',
      consecutiveFailures: 1,
      retryInMs: 1000,
      err: { message: 'database unreachable' },
    });

    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    text = await metrics.scrape();
    expect(sample(text, 'periodic_job_failures_total', job)).toBe(1);
    expect(sample(text, 'periodic_job_last_success_timestamp_seconds', job)).toBe(
      Date.parse('2026-01-01T00:00:02Z') / 1000,
    );
    expect(sample(text, 'periodic_job_duration_seconds_count', { ...job, outcome: 'failure' })).toBe(1);
    expect(sample(text, 'periodic_job_duration_seconds_count', { ...job, outcome: 'success' })).toBe(1);
    expect(lines.find((line) => line.msg === 'flaky-sweep recovered')).toMatchObject({ failures: 1 });
    await flaky.stop();
  });

  it('with interval 0 never runs on its own; runOnce() runs it and joins a run already in flight', async () => {
    const { logger } = capturedLogger();
    const slow = gate();
    let runs = 0;
    const job = new PeriodicJob(
      {
        name: 'manual-sweep',
        intervalMs: 0,
        run: async () => {
          runs += 1;
          await slow.opened;
        },
      },
      logger,
      new ServiceMetrics('jobs-test'),
    );
    job.start();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(0);
    const first = job.runOnce();
    const second = job.runOnce();
    expect(runs).toBe(1);
    slow.open();
    await Promise.all([first, second]);
    expect(runs).toBe(1);
    await job.runOnce();
    expect(runs).toBe(2);
  });

  it('does not keep the process alive: its timer is unref’d', () => {
    const { logger } = capturedLogger();
    jest.useRealTimers();
    const job = new PeriodicJob(
      { name: 'idle-sweep', intervalMs: 60_000, run: async () => undefined },
      logger,
      new ServiceMetrics('jobs-test'),
    );
    const before = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    job.start();
    const after = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    expect(after).toBe(before);
    return job.stop();
  });

  it('refuses a negative or fractional interval', () => {
    const { logger } = capturedLogger();
    const metrics = new ServiceMetrics('jobs-test');
    expect(
      () => new PeriodicJob({ name: 'bad', intervalMs: -1, run: async () => undefined }, logger, metrics),
    ).toThrow('bad: intervalMs must be a non-negative integer');
    expect(
      () => new PeriodicJob({ name: 'bad', intervalMs: 1.5, run: async () => undefined }, logger, metrics),
    ).toThrow();
  });
});
