import { ProductRatingChanged } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { ReviewRatingsService } from './review-ratings.service';

/**
 * Feeds the reviews service's `rating.product-changed` events to the products. The group is shared by the
 * catalog's replicas (each event is applied once, to the shared database) and starts at the topic's beginning:
 * the revision check makes replaying history cheap and idempotent.
 */
export function reviewRatingsConsumer(
  options: Omit<EventConsumerOptions<undefined>, 'startFrom'>,
  ratings: ReviewRatingsService,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>({ ...options, startFrom: 'earliest' }).handle(
    ProductRatingChanged,
    ({ payload }) => ratings.apply(payload),
  );
}
