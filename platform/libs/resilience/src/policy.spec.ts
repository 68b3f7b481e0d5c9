import { setTimeout as sleep } from 'node:timers/promises';
import { PolicyEvent, PolicyOptions, createPolicy, isCircuitOpenError, isTimeoutError } from './index';

class Transient extends Error {
  readonly retryable = true;
}

const fast: PolicyOptions = {
  timeoutMs: 1000,
  retries: 2,
  backoff: { initialMs: 1, maxMs: 5 },
  breaker: { threshold: 100, halfOpenAfterMs: 60_000 },
};

function recordEvents(policy: ReturnType<typeof createPolicy>): PolicyEvent[] {
  const events: PolicyEvent[] = [];
  policy.onEvent((event) => events.push(event));
  return events;
}

describe('createPolicy', () => {
  it('retries transient failures and returns the first success', async () => {
    const policy = createPolicy({ ...fast, name: 'inventory' });
    const events = recordEvents(policy);
    let calls = 0;
    const result = await policy.execute(async () => {
      calls += 1;
      if (calls < 3) throw new Transient(`failure ${calls}`);
      return 'reserved';
    });
    expect(result).toBe('reserved');
    expect(calls).toBe(3);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && [e.policy, e.attempt])).toEqual([
      ['inventory', 1],
      ['inventory', 2],
    ]);
  });

  it('gives up after the configured number of retries with the last error', async () => {
    const policy = createPolicy({ ...fast, retries: 3 });
    const events = recordEvents(policy);
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls += 1;
        throw new Transient(`failure ${calls}`);
      }),
    ).rejects.toThrow('failure 4');
    expect(calls).toBe(4);
    expect(events.at(-1)).toMatchObject({ type: 'give-up' });
  });

  it('does not retry failures that are not transient', async () => {
    const policy = createPolicy(fast);
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls += 1;
        throw new Error('invalid input');
      }),
    ).rejects.toThrow('invalid input');
    expect(calls).toBe(1);
  });

  it('attempts once when the caller says the call is unsafe to repeat', async () => {
    const policy = createPolicy(fast);
    let calls = 0;
    await expect(
      policy.execute(
        async () => {
          calls += 1;
          throw new Transient('lost');
        },
        { retry: false },
      ),
    ).rejects.toThrow('lost');
    expect(calls).toBe(1);
  });

  it('opens the breaker after consecutive failures, fails fast, half-opens after the delay and closes on success', async () => {
    const policy = createPolicy({ ...fast, retries: 0, breaker: { threshold: 3, halfOpenAfterMs: 100 } });
    const events = recordEvents(policy);
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Transient('down');
    };

    for (let i = 0; i < 3; i += 1) await expect(policy.execute(failing)).rejects.toThrow('down');
    expect(policy.breakerState).toBe('open');

    const rejected = await policy.execute(failing).catch((error: unknown) => error);
    expect(isCircuitOpenError(rejected)).toBe(true);
    expect(calls).toBe(3);

    await sleep(150);
    await expect(policy.execute(async () => 'back')).resolves.toBe('back');
    expect(policy.breakerState).toBe('closed');
    expect(events.map((e) => e.type).filter((type) => type.startsWith('breaker-'))).toEqual(['breaker-open', 'breaker-half-open', 'breaker-closed']);
  });

  it('re-opens when the half-open trial fails', async () => {
    const policy = createPolicy({ ...fast, retries: 0, breaker: { threshold: 1, halfOpenAfterMs: 50 } });
    await expect(policy.execute(async () => Promise.reject(new Transient('down')))).rejects.toThrow('down');
    await sleep(80);
    await expect(policy.execute(async () => Promise.reject(new Transient('still down')))).rejects.toThrow('still down');
    expect(policy.breakerState).toBe('open');
  });

  it('does not count refusals against the breaker', async () => {
    const policy = createPolicy({ ...fast, retries: 0, breaker: { threshold: 2, halfOpenAfterMs: 60_000 } });
    for (let i = 0; i < 5; i += 1) await expect(policy.execute(async () => Promise.reject(new Error('not found')))).rejects.toThrow();
    expect(policy.breakerState).toBe('closed');
  });

  it('aborts a slow attempt at the timeout through its signal', async () => {
    const policy = createPolicy({ ...fast, timeoutMs: 50, retries: 0 });
    const events = recordEvents(policy);
    let seenSignal: AbortSignal | undefined;
    const error = await policy
      .execute(
        (signal) =>
          new Promise((_resolve, reject) => {
            seenSignal = signal;
            signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      )
      .catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
    expect(seenSignal?.aborted).toBe(true);
    expect(events).toContainEqual({ type: 'timeout', policy: 'default', timeoutMs: 50 });
  });

  it('retries timed-out attempts as transient', async () => {
    const policy = createPolicy({ ...fast, timeoutMs: 30, retries: 1 });
    let calls = 0;
    const result = await policy.execute(async (signal) => {
      calls += 1;
      if (calls === 1) await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return calls;
    });
    expect(result).toBe(2);
  });

  it('keeps a call successful when an event listener throws', async () => {
    const policy = createPolicy(fast);
    policy.onEvent(() => {
      throw new Error('broken logger');
    });
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls += 1;
        if (calls === 1) throw new Transient('blip');
        return 'ok';
      }),
    ).resolves.toBe('ok');
  });
});
