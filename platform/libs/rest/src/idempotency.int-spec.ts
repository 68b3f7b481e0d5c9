import { Redis } from 'ioredis';
import { ulid } from 'ulid';
import { IdempotencyStore, type IdempotencyClaim, type StoredAnswer } from './idempotency';

/** The store against the stack's real Redis: what the gateway relies on for Idempotency-Key. */
describe('IdempotencyStore', () => {
  let redis: Redis;
  let store: IdempotencyStore;
  const answer: StoredAnswer = {
    status: 201,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from('{"id":"1"}'),
  };

  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:16379');
    store = new IdempotencyStore(redis, {
      prefix: `test:idempotency:${ulid()}`,
      ttlSeconds: 60,
      lockSeconds: 2,
    });
  });
  afterAll(() => redis.quit());

  const claimed = (claim: IdempotencyClaim) => {
    if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
    return claim;
  };

  it('replays the stored answer for the same request, refuses another request, and keys per tenant', async () => {
    const first = claimed(await store.claim('tenant:a', 'k1', 'fp1'));
    await first.release(answer);
    const replay = await store.claim('tenant:a', 'k1', 'fp1');
    expect(replay).toEqual({ kind: 'replay', answer });
    expect(await store.claim('tenant:a', 'k1', 'fp2')).toEqual({ kind: 'mismatch' });
    expect((await store.claim('tenant:b', 'k1', 'fp2')).kind).toBe('claimed');
  });

  it('lets exactly one of concurrent duplicates run; the others are told it is in flight', async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.claim('tenant:a', 'k2', 'fp')));
    expect(claims.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === 'in-flight')).toHaveLength(7);
  });

  it('forgets a request released without an answer (a 5xx), so a retry runs again', async () => {
    await claimed(await store.claim('tenant:a', 'k3', 'fp')).release(undefined);
    expect((await store.claim('tenant:a', 'k3', 'fp')).kind).toBe('claimed');
  });

  it('frees a key whose request never finished once the lock expires, and ignores its late release', async () => {
    const stale = claimed(await store.claim('tenant:a', 'k4', 'fp'));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const fresh = claimed(await store.claim('tenant:a', 'k4', 'fp'));
    await stale.release(answer);
    expect((await store.claim('tenant:a', 'k4', 'fp')).kind).toBe('in-flight');
    await fresh.release({ ...answer, status: 200 });
    expect(await store.claim('tenant:a', 'k4', 'fp')).toEqual({
      kind: 'replay',
      answer: { ...answer, status: 200 },
    });
  });
});
