import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { RedisServiceConfig } from '../service-settings';
import { storeServiceModule, type StoreServiceParts } from '../store-service-module';

/** One connected ioredis client per process, injectable as `Redis`, with its readiness check. */
export function redisParts(config: Pick<RedisServiceConfig, 'REDIS_URL'>): StoreServiceParts {
  // Commands fail after a bounded wait instead of queueing while Redis is down.
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  });
  return {
    // While the client reconnects a PING would wait in the offline queue until readiness gives up on it (3 s);
    // a client that is not connected answers "down" at once.
    readinessChecks: {
      redis: () =>
        redis.status === 'ready'
          ? redis.ping()
          : Promise.reject(new Error(`Redis connection is ${redis.status}`)),
    },
    providers: [{ provide: Redis, useFactory: () => redis.connect().then(() => redis) }],
    exports: [Redis],
  };
}

/** Closes the process's Redis client after the HTTP server and the feature modules stopped. */
export class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(Redis) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit();
  }
}

/**
 * Everything a Redis service runs on, imported once by its root module: the platform module (logs, metrics,
 * health with a Redis readiness check, auth), the federated subgraph, and — injectable everywhere as `Redis` —
 * one connected ioredis client, closed after the HTTP server and the feature modules stopped.
 */
@Module({})
export class RedisServiceModule extends RedisShutdown {
  static forRoot(config: RedisServiceConfig): DynamicModule {
    return storeServiceModule(RedisServiceModule, config, redisParts(config));
  }
}
