import { Inject, Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@marketplace/config';
import { ServiceMetrics } from '@marketplace/observability';
import { Redis } from 'ioredis';
import { ulid } from 'ulid';
import { z } from 'zod';
import {
  createServiceApp,
  MongoDatabase,
  MongoServiceModule,
  mongoServiceSettings,
  periodicJob,
  ReadinessChecks,
  RedisServiceModule,
  redisServiceSettings,
  type Sweeper,
} from '../src';

const PROBE_SETTINGS = Symbol('PROBE_SETTINGS');

/** A sweeper as services write them: business logic only, slow enough to be caught in flight by a shutdown. */
@Injectable()
class ProbeSweeper implements Sweeper {
  started = 0;
  finished = 0;

  constructor(@Inject(MongoDatabase) private readonly mongo: MongoDatabase) {}

  async sweep(): Promise<void> {
    this.started += 1;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await this.mongo.db.collection('sweeps').insertOne({ at: new Date() });
    this.finished += 1;
  }
}

@Module({
  providers: [
    ProbeSweeper,
    { provide: PROBE_SETTINGS, useValue: { PROBE_SWEEP_MS: 50 } },
    periodicJob('probe-sweep', ProbeSweeper, {
      config: PROBE_SETTINGS,
      intervalMs: (settings: { PROBE_SWEEP_MS: number }) => settings.PROBE_SWEEP_MS,
    }),
    {
      provide: 'objects',
      inject: [ReadinessChecks],
      useFactory: (readiness: ReadinessChecks) => readiness.add('objects', () => undefined),
    },
  ],
})
class MongoProbeModule {}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('MongoServiceModule: a MongoDB service on the real stack', () => {
  const config = loadConfig(z.object(mongoServiceSettings({ service: 'kit-mongo-probe', port: 4998 })), {
    ...process.env,
    MONGODB_DATABASE: `kit_test_${ulid().toLowerCase()}`,
    LOG_LEVEL: 'silent',
  });
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createServiceApp({
      module: class MongoProbeAppModule {},
      imports: [MongoServiceModule.forRoot(config), MongoProbeModule],
    });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    const cleanup = await MongoDatabase.fromConfig(config).open();
    await cleanup.db.dropDatabase();
    await cleanup.close();
  });

  it('reports MongoDB and a check a feature added as ready, runs its periodic job, and on shutdown lets the run in flight finish before MongoDB closes', async () => {
    const ready = await fetch(`${await app.getUrl()}/health/ready`);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { mongodb: { status: 'up' }, objects: { status: 'up' } },
    });

    const sweeper = app.get(ProbeSweeper);
    await waitFor(() => sweeper.finished >= 1 && sweeper.started > sweeper.finished);
    const metrics = app.get(ServiceMetrics);
    await app.close();

    expect(sweeper.finished).toBe(sweeper.started);
    const scrape = await metrics.scrape();
    expect(scrape).not.toMatch(/periodic_job_failures_total\{[^}]*job="probe-sweep"[^}]*\} [1-9]/);
    expect(scrape).toMatch(/periodic_job_last_success_timestamp_seconds\{[^}]*job="probe-sweep"[^}]*\} \d/);
    expect(() => app.get(MongoDatabase).db).toThrow('is not open');
  });
});

@Injectable()
class RedisProbe {
  constructor(@Inject(Redis) readonly redis: Redis) {}
}

describe('RedisServiceModule: a Redis service on the real stack', () => {
  const config = loadConfig(z.object(redisServiceSettings({ service: 'kit-redis-probe', port: 4997 })), {
    ...process.env,
    LOG_LEVEL: 'silent',
  });

  it('injects one connected client, reports Redis as ready and closes the client on shutdown', async () => {
    @Module({ providers: [RedisProbe] })
    class RedisProbeModule {}
    const app = await createServiceApp({
      module: class RedisProbeAppModule {},
      imports: [RedisServiceModule.forRoot(config), RedisProbeModule],
    });
    await app.listen(0, '127.0.0.1');
    const { redis } = app.get(RedisProbe);
    const key = `kit-test:${ulid()}`;
    await redis.set(key, 'v', 'EX', 60);
    expect(await redis.get(key)).toBe('v');
    const ready = await fetch(`${await app.getUrl()}/health/ready`);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });

    await app.close();
    await waitFor(() => redis.status === 'end');
    await expect(redis.get(key)).rejects.toThrow('Connection is closed');
  });
});
