import { TenantStatusUnavailableError, type TenantStanding } from '@marketplace/auth';
import {
  CachedTenantStatusLookup,
  type TenantStatusFact,
  type TenantStatusSource,
} from './cached-tenant-status';

/** A source answering from a table the test edits, counting the calls it gets. */
class TableSource implements TenantStatusSource {
  readonly table = new Map<string, TenantStatusFact>();
  calls = 0;
  down = false;

  async fetch(tenantId: string): Promise<TenantStatusFact> {
    this.calls += 1;
    if (this.down) throw new Error('connect ECONNREFUSED');
    return this.table.get(tenantId) ?? { standing: undefined, changedAt: undefined };
  }
}

const pending: TenantStanding = { status: 'pending' };
const active: TenantStanding = { status: 'active' };

describe('CachedTenantStatusLookup', () => {
  let now: number;
  let source: TableSource;
  const lookup = (assumeActive = false) =>
    new CachedTenantStatusLookup(source, { ttlMs: 60_000, assumeActive, now: () => now });

  beforeEach(() => {
    now = Date.parse('2026-12-02T12:00:00Z');
    source = new TableSource();
  });

  it('asks the source once per tenant and trusts an active status for the TTL only', async () => {
    source.table.set('t-1', { standing: active, changedAt: new Date(now - 1000) });
    const cache = lookup();
    await expect(cache.standingOf('t-1')).resolves.toEqual(active);
    now += 59_000;
    await expect(cache.standingOf('t-1')).resolves.toEqual(active);
    expect(source.calls).toBe(1);
    source.table.set('t-1', { standing: { status: 'suspended', reason: 'Fraud' }, changedAt: new Date(now) });
    now += 1_001;
    await expect(cache.standingOf('t-1')).resolves.toEqual({ status: 'suspended', reason: 'Fraud' });
    expect(source.calls).toBe(2);
  });

  it('confirms a held refusal with the source once it is a second old, keeping it when the source is down', async () => {
    source.table.set('t-1', { standing: pending, changedAt: new Date(now - 1000) });
    const cache = lookup();
    await expect(cache.standingOf('t-1')).resolves.toEqual(pending);
    await expect(cache.standingOf('t-1')).resolves.toEqual(pending);
    expect(source.calls).toBe(1);
    source.table.set('t-1', { standing: active, changedAt: new Date(now) });
    now += 1_000;
    await expect(cache.standingOf('t-1')).resolves.toEqual(active);
    expect(source.calls).toBe(2);
    cache.apply('t-1', { status: 'suspended', reason: 'Fraud' }, new Date(now));
    now += 1_000;
    source.down = true;
    await expect(cache.standingOf('t-1')).resolves.toEqual({ status: 'suspended', reason: 'Fraud' });
  });

  it('shares one call among concurrent misses of a tenant', async () => {
    source.table.set('t-1', { standing: active, changedAt: new Date(now) });
    const cache = lookup();
    await Promise.all([cache.standingOf('t-1'), cache.standingOf('t-1'), cache.standingOf('t-1')]);
    expect(source.calls).toBe(1);
  });

  it('takes a lifecycle event at once, and keeps the later change when an older answer arrives after it', async () => {
    const cache = lookup();
    cache.apply('t-1', active, new Date(now));
    cache.apply('t-1', { status: 'suspended', reason: 'Chargebacks' }, new Date(now + 1));
    await expect(cache.standingOf('t-1')).resolves.toEqual({ status: 'suspended', reason: 'Chargebacks' });
    expect(source.calls).toBe(0);
    cache.apply('t-1', active, new Date(now - 5000));
    await expect(cache.standingOf('t-1')).resolves.toEqual({ status: 'suspended', reason: 'Chargebacks' });
    cache.apply('t-1', active, new Date(now + 5000));
    await expect(cache.standingOf('t-1')).resolves.toEqual(active);
    expect(source.calls).toBe(0);
  });

  it('answers unknown for a tenant the source does not know, and refuses with 503 when it cannot ask', async () => {
    const cache = lookup();
    await expect(cache.standingOf('t-unknown')).resolves.toBeUndefined();
    source.down = true;
    await expect(cache.standingOf('t-2')).rejects.toBeInstanceOf(TenantStatusUnavailableError);
    await expect(cache.standingOf('t-2')).rejects.toMatchObject({ status: 503 });
  });

  it('counts unknown and unreachable tenants as active only when told to (tests), still honouring known statuses', async () => {
    source.table.set('t-1', { standing: pending, changedAt: new Date(now) });
    const cache = lookup(true);
    await expect(cache.standingOf('t-unknown')).resolves.toEqual(active);
    await expect(cache.standingOf('t-1')).resolves.toEqual(pending);
    source.down = true;
    await expect(cache.standingOf('t-2')).resolves.toEqual(active);
  });

  it('holds a bounded number of tenants, forgetting the oldest first', async () => {
    const cache = new CachedTenantStatusLookup(source, {
      ttlMs: 60_000,
      assumeActive: false,
      maxEntries: 2,
      now: () => now,
    });
    for (const id of ['t-1', 't-2', 't-3']) cache.apply(id, active, new Date(now));
    await cache.standingOf('t-3');
    await cache.standingOf('t-2');
    expect(source.calls).toBe(0);
    await cache.standingOf('t-1');
    expect(source.calls).toBe(1);
  });
});
