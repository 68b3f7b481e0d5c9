import { DependencyProbe } from './dependency-probe';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DependencyProbe', () => {
  it('reports a dependency down only after two failed probes in a row, and up again after one that answers', async () => {
    let answering = true;
    let probes = 0;
    const probe = new DependencyProbe(
      'kafka',
      async () => {
        probes += 1;
        if (!answering) throw new Error('connection refused');
      },
      { intervalMs: 0 },
    );
    const signal = AbortSignal.timeout(1000);
    /** Asks readiness once, then lets the probe it started finish. */
    const ask = async () => {
      let answer = 'up';
      try {
        probe.check(signal);
      } catch (error) {
        answer = (error as Error).message;
      }
      await settle();
      return answer;
    };

    expect(await ask()).toBe('up');
    answering = false;
    expect(await ask()).toBe('up');
    // One failed (or slow) probe is not an outage.
    expect(await ask()).toBe('up');
    expect(await ask()).toBe('kafka: 2 probes in a row failed, last: connection refused');
    answering = true;
    expect(await ask()).toBe('kafka: 3 probes in a row failed, last: connection refused');
    expect(await ask()).toBe('up');
    expect(probes).toBe(6);
  });

  it('never probes more often than its interval, however often readiness is asked', async () => {
    let probes = 0;
    const probe = new DependencyProbe(
      'keycloak',
      async () => {
        probes += 1;
      },
      { intervalMs: 60_000 },
    );
    for (let i = 0; i < 10; i += 1) {
      probe.check(AbortSignal.timeout(1000));
      await settle();
    }
    expect(probes).toBe(1);
  });

  it('counts a probe slower than its budget as failed', async () => {
    const probe = new DependencyProbe(
      'keycloak',
      (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('timed out')))),
      { intervalMs: 0, timeoutMs: 5, failuresToDown: 1 },
    );
    probe.check(AbortSignal.timeout(1000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(() => probe.check(AbortSignal.timeout(1000))).toThrow(
      'keycloak: 1 probes in a row failed, last: timed out',
    );
  });
});
