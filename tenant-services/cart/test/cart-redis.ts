import { Redis } from 'ioredis';

/** A client of the cart's Redis (`REDIS_URL`), for tests of the services calling the cart (orders has no ioredis). */
export function connectCartRedis(): Redis {
  return new Redis(process.env.REDIS_URL!);
}
