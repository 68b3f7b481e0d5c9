import { redisParts } from './redis-service.module';

describe('the Redis readiness check', () => {
  it('answers "down" naming the connection state while the client is not connected, without asking Redis', async () => {
    // Nothing listens on port 9 (discard) here; the client is never connected, as before start or while it reconnects.
    const parts = redisParts({ REDIS_URL: 'redis://127.0.0.1:9' });
    await expect(Promise.resolve(parts.readinessChecks.redis!(new AbortController().signal))).rejects.toThrow(
      'Redis connection is wait',
    );
  });
});
