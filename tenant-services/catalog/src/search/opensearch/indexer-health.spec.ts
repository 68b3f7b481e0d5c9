import { IndexerHealth } from './indexer-health';

describe('IndexerHealth (readiness of the search indexer, not flapping)', () => {
  it('reports a problem only once it lasted 10 s, and clears only after 30 s without one', () => {
    const health = new IndexerHealth(10_000, 30_000);
    expect(health.observe('OpenSearch unreachable', 0)).toBeUndefined();
    expect(health.observe('OpenSearch unreachable', 9_999)).toBeUndefined();
    expect(health.observe('OpenSearch unreachable', 10_000)).toBe('OpenSearch unreachable');
    expect(health.observe(undefined, 11_000)).toBe('OpenSearch unreachable');
    expect(health.observe(undefined, 40_999)).toBe('OpenSearch unreachable');
    expect(health.observe(undefined, 41_000)).toBeUndefined();
  });

  it('ignores short blips in both directions', () => {
    const health = new IndexerHealth(10_000, 30_000);
    for (let t = 0; t < 60_000; t += 5_000) health.observe(t % 10_000 === 0 ? 'behind' : undefined, t);
    expect(health.degraded).toBeUndefined();

    health.observe('behind', 100_000);
    expect(health.observe('behind', 110_000)).toBe('behind');
    // A good moment amid the trouble does not clear it, and the clock of the clearing restarts after it.
    expect(health.observe(undefined, 115_000)).toBe('behind');
    expect(health.observe('behind, 40 s', 120_000)).toBe('behind, 40 s');
    expect(health.observe(undefined, 125_000)).toBe('behind, 40 s');
    expect(health.observe(undefined, 150_000)).toBe('behind, 40 s');
    expect(health.observe(undefined, 155_000)).toBeUndefined();
  });
});
