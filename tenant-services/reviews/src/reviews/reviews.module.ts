import { LOGGER, ServiceMetrics, type Logger } from '@marketplace/observability';
import { MongoDatabase, ReadinessChecks } from '@marketplace/service-kit';
import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { ReviewsConfig } from '../config';
import { ProductRatingResolver, SellerRatingResolver } from '../ratings/rating-entities.resolver';
import { RatingsService } from '../ratings/ratings.service';
import { ReviewsRuntime } from '../reviews-runtime';
import { ReviewsResolver } from './reviews.resolver';
import { ReviewsService } from './reviews.service';

/** Starts consuming and publishing with the app; stops both before MongoDB closes. */
@Injectable()
class ReviewsRuntimeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(ReviewsRuntime) private readonly runtime: ReviewsRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

@Module({})
export class ReviewsModule {
  static forRoot(config: ReviewsConfig): DynamicModule {
    return {
      module: ReviewsModule,
      providers: [
        {
          provide: ReviewsRuntime,
          inject: [MongoDatabase, LOGGER, ServiceMetrics, ReadinessChecks],
          useFactory: async (
            mongo: MongoDatabase,
            logger: Logger,
            metrics: ServiceMetrics,
            readiness: ReadinessChecks,
          ) => {
            const runtime = await ReviewsRuntime.create(
              config,
              mongo.db,
              logger.child({ component: 'reviews' }),
            );
            metrics.trackOutboxDepth(() => runtime.relay.depth());
            metrics.trackOutboxParked(() => runtime.relay.parked());
            readiness.add('kafka-consumers', async () => {
              if (!runtime.consuming) throw new Error('an event consumer is not running');
            });
            return runtime;
          },
        },
        { provide: ReviewsService, inject: [ReviewsRuntime], useFactory: (r: ReviewsRuntime) => r.reviews },
        { provide: RatingsService, inject: [ReviewsRuntime], useFactory: (r: ReviewsRuntime) => r.ratings },
        ReviewsRuntimeLifecycle,
        ReviewsResolver,
        ProductRatingResolver,
        SellerRatingResolver,
      ],
    };
  }
}
