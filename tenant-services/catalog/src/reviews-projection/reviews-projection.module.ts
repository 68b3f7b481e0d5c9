import { Module, type DynamicModule } from '@nestjs/common';
import { MongoProcessedEvents } from '@marketplace/events';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import { MongoDatabase, ReadinessChecks, SupervisedEventConsumers } from '@marketplace/service-kit';
import type { CatalogConfig } from '../config';
import { ProductsModule } from '../products/products.module';
import { ProductsRepository } from '../products/products.repository';
import { reviewRatingsConsumer } from './review-ratings.consumer';
import { ReviewRatingsService } from './review-ratings.service';

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
          provide: SupervisedEventConsumers,
          inject: [MongoDatabase, ReviewRatingsService, LOGGER, ReadinessChecks, ServiceMetrics],
          useFactory: async (
            mongo: MongoDatabase,
            ratings: ReviewRatingsService,
            logger: Logger,
            readiness: ReadinessChecks,
            metrics: ServiceMetrics,
          ) =>
            new SupervisedEventConsumers(
              [
                reviewRatingsConsumer(
                  {
                    brokers: config.KAFKA_BROKERS,
                    clientId: config.SERVICE_NAME,
                    groupId: config.REVIEW_RATINGS_GROUP,
                    startFrom: config.REVIEW_RATINGS_START,
                    processedEvents: await MongoProcessedEvents.open(mongo.db),
                    logger: logger.child({ component: 'review-ratings' }),
                  },
                  ratings,
                ),
              ],
              readiness,
              metrics,
            ),
        },
      ],
    };
  }
}
