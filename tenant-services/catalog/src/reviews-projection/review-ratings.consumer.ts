import { ProductRatingChanged } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { ReviewRatingsService } from './review-ratings.service';

/**
 * Feeds the reviews service's `rating.product-changed` events to the products. The group is shared by the
 * catalog's replicas (each event is applied once, to the shared database) and a new one starts at the topic's
 * beginning unless told otherwise (`REVIEW_RATINGS_START`): the revision check makes replaying history idempotent.
 */
export function reviewRatingsConsumer(
  options: EventConsumerOptions<undefined>,
  ratings: ReviewRatingsService,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>(options).handle(ProductRatingChanged, ({ payload }) =>
    ratings.apply(payload),
  );
}
