import { bool, int, notOneOf, productionGuard, str } from '@marketplace/config';
import { mongoServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

export const reviewsConfigSchema = z.object({
  ...mongoServiceSettings({ service: 'reviews', port: 4109 }),
  ...tenantStatusSettings,
  ...offboardingSettings('reviews'),
  /** Days after publishing during which the author may edit a review. */
  REVIEWS_EDIT_WINDOW_DAYS: int({ min: 1, max: 365 }).default(30),
  /** Consumer group learning purchases (orders.order.v1) and review photos (media.asset.v1). */
  REVIEWS_SOURCE_EVENTS_GROUP: str('a consumer group').default('reviews.sources'),
  /** Consumer group keeping the rating aggregates from the service's own review events. */
  REVIEWS_RATINGS_GROUP: str('a consumer group').default('reviews.ratings'),
  /**
   * Where new groups start. Production reads the topics' history (orders delivered before the service existed
   * are reviewable); tests start at the end with their own groups.
   */
  REVIEWS_EVENTS_START_FROM: productionGuard(
    z.enum(['earliest', 'latest']).default('earliest'),
    notOneOf(['latest'], 'skipping the order history'),
  ),
  /** Off for processes that must not publish (tests of the write path inspect the outbox instead). */
  REVIEWS_OUTBOX_RELAY: productionGuard(bool().default(true), notOneOf([false], 'a disabled outbox relay')),
});

export type ReviewsConfig = z.output<typeof reviewsConfigSchema>;
