import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type EventConsumer, MongoProcessedEvents } from '@marketplace/events';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MongoDatabase } from '@marketplace/service-kit';
import type { CatalogConfig } from '../config';
import { ProductsModule } from '../products/products.module';
import { ProductsRepository } from '../products/products.repository';
import { reviewRatingsConsumer } from './review-ratings.consumer';
import { ReviewRatingsService } from './review-ratings.service';

const REVIEW_RATING_EVENTS = Symbol('REVIEW_RATING_EVENTS');

@Injectable()
class ReviewRatingsJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(REVIEW_RATING_EVENTS) private readonly consumer: EventConsumer<undefined>) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/** Reviews → catalog: each product's rating average and count from `reviews.review.v1` (ADR 0025). */
@Module({})
export class ReviewsProjectionModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: ReviewsProjectionModule,
      imports: [ProductsModule],
      providers: [
        {
          provide: ReviewRatingsService,
          inject: [ProductsRepository],
          useFactory: (products: ProductsRepository) => new ReviewRatingsService(products),
        },
        {
          provide: REVIEW_RATING_EVENTS,
          inject: [MongoDatabase, ReviewRatingsService, LOGGER],
          useFactory: async (mongo: MongoDatabase, ratings: ReviewRatingsService, logger: Logger) =>
            reviewRatingsConsumer(
              {
                brokers: config.KAFKA_BROKERS,
                clientId: config.SERVICE_NAME,
                groupId: config.REVIEW_RATINGS_GROUP,
                processedEvents: await MongoProcessedEvents.open(mongo.db),
                logger: logger.child({ component: 'review-ratings' }),
              },
              ratings,
            ),
        },
        ReviewRatingsJobs,
      ],
    };
  }
}
