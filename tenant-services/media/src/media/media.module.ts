import { LOGGER, ServiceMetrics } from '@marketplace/observability';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { MediaConfig } from '../config';
import { MediaRuntime } from '../media-runtime';
import { MediaResolver, UPLOAD_LIMITS } from './media.resolver';
import { MediaService } from './media.service';
import { MediaViews } from './media.views';

/** Holds the started runtime so that readiness checks, declared before Nest builds providers, can reach it. */
export class MediaRuntimeRef {
  current: MediaRuntime | undefined;

  require(): MediaRuntime {
    if (!this.current) throw new Error('media runtime is starting');
    return this.current;
  }
}

class MediaRuntimeLifecycle implements OnApplicationShutdown {
  constructor(@Inject(MediaRuntime) private readonly runtime: MediaRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}

@Module({})
export class MediaModule {
  static forRoot(config: MediaConfig, ref: MediaRuntimeRef): DynamicModule {
    return {
      module: MediaModule,
      providers: [
        {
          provide: MediaRuntime,
          inject: [LOGGER, ServiceMetrics],
          useFactory: async (logger: MediaLogger, metrics: ServiceMetrics) => {
            const runtime = await MediaRuntime.start(config, logger);
            metrics.trackOutboxDepth(() => runtime.relay.depth());
            ref.current = runtime;
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

type MediaLogger = Parameters<typeof MediaRuntime.start>[1];
