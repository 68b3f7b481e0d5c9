import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { stackEnv } from './stack-env';

describe('redis (local stack)', () => {
  const url = stackEnv('REDIS_URL');
  let client: Redis;

  beforeAll(() => {
    client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await client.quit();
  });

  it('stores a value with a TTL and expires it', async () => {
    const key = `stack-smoke:ttl:${randomUUID()}`;
    expect(await client.set(key, 'cart-snapshot', 'PX', 300)).toBe('OK');
    expect(await client.get(key)).toBe('cart-snapshot');
    const ttl = await client.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await client.get(key)).toBeNull();
    expect(await client.exists(key)).toBe(0);
  });

  it('delivers a published message to a subscriber on another connection', async () => {
    const channel = `stack-smoke:events:${randomUUID()}`;
    const subscriber = new Redis(url, { maxRetriesPerRequest: 1 });
    try {
      const received = new Promise<{ channel: string; message: string }>((resolve) => {
        subscriber.on('message', (from: string, message: string) => resolve({ channel: from, message }));
      });
      expect(await subscriber.subscribe(channel)).toBe(1);

      const payload = JSON.stringify({ type: 'stock.changed', sku: randomUUID(), quantity: 3 });
      expect(await client.publish(channel, payload)).toBe(1);
      await expect(received).resolves.toEqual({ channel, message: payload });
    } finally {
      await subscriber.quit();
    }
  });
});
