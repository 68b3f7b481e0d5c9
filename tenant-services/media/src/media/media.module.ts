import { LOGGER, ServiceMetrics } from '@marketplace/observability';
import { MongoDatabase, ReadinessChecks } from '@marketplace/service-kit';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { MediaConfig } from '../config';
import { MediaRuntime } from '../media-runtime';
import { InternalMediaController } from './internal-media.controller';
import { MediaResolver, UPLOAD_LIMITS } from './media.resolver';
import { MediaService } from './media.service';
import { MediaViews } from './media.views';

class MediaRuntimeLifecycle implements OnApplicationShutdown {
  constructor(@Inject(MediaRuntime) private readonly runtime: MediaRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}

@Module({})
export class MediaModule {
  static forRoot(config: MediaConfig): DynamicModule {
    return {
      module: MediaModule,
      controllers: [InternalMediaController],
      providers: [
        {
          provide: MediaRuntime,
          inject: [MongoDatabase, LOGGER, ServiceMetrics, ReadinessChecks],
          useFactory: async (
            mongo: MongoDatabase,
            logger: MediaLogger,
            metrics: ServiceMetrics,
            readiness: ReadinessChecks,
          ) => {
            const runtime = await MediaRuntime.start(config, mongo.db, logger);
            metrics.trackOutboxDepth(() => runtime.relay.depth());
            metrics.trackOutboxParked(() => runtime.relay.parked());
            readiness.add('s3', () => runtime.objects.ping());
            metrics.gauge({
              name: 'media_image_jobs',
              help: 'Images being decoded (active) and waiting for their turn (waiting) in this process.',
              labelNames: ['state'],
              collect: (gauge) => {
                const { active, waiting } = runtime.imageWork.load;
                gauge.set({ state: 'active' }, active);
                gauge.set({ state: 'waiting' }, waiting);
              },
            });
            return runtime;
          },
        },
        {
          provide: MediaService,
          inject: [MediaRuntime],
          useFactory: (runtime: MediaRuntime) => runtime.service,
        },
        { provide: MediaViews, inject: [MediaRuntime], useFactory: (runtime: MediaRuntime) => runtime.views },
        {
          provide: UPLOAD_LIMITS,
          inject: [MediaRuntime],
          useFactory: (runtime: MediaRuntime) => runtime.limits,
        },
        MediaRuntimeLifecycle,
        MediaResolver,
      ],
    };
  }
}

type MediaLogger = Parameters<typeof MediaRuntime.start>[2];
