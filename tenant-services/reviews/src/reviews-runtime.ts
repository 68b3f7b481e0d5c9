import {
  DocumentOutboxRelay,
  KafkaSender,
  MongoProcessedEvents,
  type EventConsumer,
  type EventsLogger,
} from '@marketplace/events';
import { createDocumentWriteSerializer } from '@marketplace/service-kit';
import type { Collection, Db, Document } from 'mongodb';
import type { ReviewsConfig } from './config';
import { PurchasesRepository } from './purchases/purchases.repository';
import { sourceEventsConsumer } from './purchases/source-events.consumer';
import { RatingsRepository } from './ratings/ratings.repository';
import { RatingsService } from './ratings/ratings.service';
import { reviewEventsConsumer } from './ratings/review-events.consumer';
import { ReviewsRepository } from './reviews/reviews.repository';
import { ReviewsService } from './reviews/reviews.service';

/**
 * Everything the reviews service runs on besides its MongoDB database, wired once: repositories, the outbox
 * relay of reviews and aggregates, the consumer that learns purchases and photos, and the one that keeps the
 * aggregates from the service's own review events.
 */
export class ReviewsRuntime {
  private constructor(
    readonly reviews: ReviewsService,
    readonly ratings: RatingsService,
    readonly relay: DocumentOutboxRelay,
    private readonly consumers: EventConsumer<undefined>[],
    private readonly relayOn: boolean,
  ) {}

  static async create(config: ReviewsConfig, db: Db, logger: EventsLogger): Promise<ReviewsRuntime> {
    // Reviews (ULIDs) and aggregates (product and tenant ids, serialized under a kind prefix) share one serializer.
    const serializeWrite = createDocumentWriteSerializer();
    const [reviewsRepository, purchases, ratingsRepository] = await Promise.all([
      ReviewsRepository.open(db, serializeWrite),
      PurchasesRepository.open(db),
      RatingsRepository.open(db, serializeWrite),
    ]);
    const relay = new DocumentOutboxRelay({
      collections: [
        reviewsRepository.collection,
        ratingsRepository.collections.product,
        ratingsRepository.collections.seller,
      ] as unknown as Collection<Document>[],
      serializeDocumentWrite: serializeWrite,
      sender: new KafkaSender({ brokers: config.KAFKA_BROKERS, clientId: `${config.SERVICE_NAME}-outbox` }),
      logger,
    });
    const notify = () => relay.notify();
    const reviews = new ReviewsService({
      reviews: reviewsRepository,
      purchases,
      editWindowDays: config.REVIEWS_EDIT_WINDOW_DAYS,
      onEventsWritten: notify,
    });
    const ratings = new RatingsService(reviewsRepository, ratingsRepository, notify);
    const processedEvents = await MongoProcessedEvents.open(db);
    const consumerOptions = (groupId: string) => ({
      brokers: config.KAFKA_BROKERS,
      clientId: config.SERVICE_NAME,
      groupId,
      processedEvents,
      startFrom: config.REVIEWS_EVENTS_START_FROM,
      logger,
    });
    const consumers = [
      sourceEventsConsumer(consumerOptions(config.REVIEWS_SOURCE_EVENTS_GROUP), purchases, logger),
      reviewEventsConsumer(consumerOptions(config.REVIEWS_RATINGS_GROUP), ratings),
    ];
    return new ReviewsRuntime(reviews, ratings, relay, consumers, config.REVIEWS_OUTBOX_RELAY);
  }

  async start(): Promise<void> {
    if (this.relayOn) this.relay.start();
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  get consuming(): boolean {
    return this.consumers.every((consumer) => consumer.running);
  }

  /** Stops consuming and publishing; the database is the caller's. */
  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay.stop();
  }
}
