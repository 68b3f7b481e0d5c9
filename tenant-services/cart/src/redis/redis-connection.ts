import { Redis } from 'ioredis';

/** One connection per process; commands fail after a bounded wait instead of queueing while Redis is down. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  await redis.connect();
  return redis;
}
