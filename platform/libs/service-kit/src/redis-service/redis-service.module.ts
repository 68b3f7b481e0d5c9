import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { RedisServiceConfig } from '../service-settings';
import { storeServiceModule } from '../store-service-module';

/**
 * Everything a Redis service runs on, imported once by its root module: the platform module (logs, metrics,
 * health with a Redis readiness check, auth), the federated subgraph, and — injectable everywhere as `Redis` —
 * one connected ioredis client, closed after the HTTP server and the feature modules stopped.
 */
@Module({})
export class RedisServiceModule implements OnApplicationShutdown {
  constructor(@Inject(Redis) private readonly redis: Redis) {}

  static forRoot(config: RedisServiceConfig): DynamicModule {
    // One connection per process; commands fail after a bounded wait instead of queueing while Redis is down.
    const redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
    });
    return storeServiceModule(RedisServiceModule, config, {
      readinessChecks: { redis: () => redis.ping() },
      providers: [{ provide: Redis, useFactory: () => redis.connect().then(() => redis) }],
      exports: [Redis],
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit();
  }
}
