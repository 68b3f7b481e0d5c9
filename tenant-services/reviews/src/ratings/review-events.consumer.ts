import { ReviewPublished, ReviewRemoved, ReviewUpdated } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { RatingsService } from './ratings.service';

/**
 * Feeds the service's own review events to the aggregates: a review published, edited (its rating may have
 * changed) or removed makes its product and seller be counted again. Replies change no rating.
 */
export function reviewEventsConsumer(
  options: EventConsumerOptions<undefined>,
  ratings: RatingsService,
): EventConsumer<undefined> {
  const recount = ({ payload }: { payload: { productId: string } }) => ratings.recount(payload.productId);
  return new EventConsumer<undefined>(options)
    .handle(ReviewPublished, recount)
    .handle(ReviewUpdated, recount)
    .handle(ReviewRemoved, recount);
}
