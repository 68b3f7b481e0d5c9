import { loadConfig } from '@marketplace/config';
import { mediaReadyV1, OrderPaid, SellerOrderStatusChanged } from '@marketplace/contracts';
import { eventMessage, KafkaSender, type OutgoingEvent } from '@marketplace/events';
import { createServiceApp } from '@marketplace/service-kit';
import {
  dataOf,
  type GraphQLClient,
  startServiceUnderTest,
  testDatabaseName,
  waitFor,
  offboardingTestEnv,
} from '@marketplace/testing';
import { MongoClient, type Db } from 'mongodb';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { reviewsConfigSchema, type ReviewsConfig } from '../src/config';

export { dataOf, errorCode, waitFor, type GraphQLAnswer } from '@marketplace/testing';

export interface ReviewsTestApp {
  config: ReviewsConfig;
  db: Db;
  gql: GraphQLClient;
  close(): Promise<void>;
}

/**
 * The service in-process against the real stack, with its own database and consumer groups (starting at the
 * topics' end, so it sees only the events its test publishes) and its relay on: aggregates come from its own
 * published review events.
 */
export async function startReviewsApp(overrides: Record<string, string> = {}): Promise<ReviewsTestApp> {
  const run = ulid().toLowerCase();
  const config = loadConfig(reviewsConfigSchema, {
    ...process.env,
    ...offboardingTestEnv('reviews'),
    SERVICE_NAME: 'reviews',
    LOG_LEVEL: 'silent',
    MONGODB_DATABASE: testDatabaseName('reviews'),
    REVIEWS_SOURCE_EVENTS_GROUP: `reviews-test-sources-${run}`,
    REVIEWS_RATINGS_GROUP: `reviews-test-ratings-${run}`,
    REVIEWS_EVENTS_START_FROM: 'latest',
    ...overrides,
  });
  const mongo = new MongoClient(config.MONGODB_URL);
  await mongo.connect();
  const db = mongo.db(config.MONGODB_DATABASE);
  const service = await startServiceUnderTest(() => createServiceApp(AppModule.forRoot(config)), {
    async cleanup() {
      await db.dropDatabase();
      await mongo.close();
    },
  });
  return { config, db, gql: service.gql, close: () => service.close() };
}

const sender = new KafkaSender({
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
  clientId: 'reviews-test-producer',
});

/**
 * Publishes events exactly as their producers do (the orders and media services' contract definitions, one
 * envelope each, keyed like the producers key them).
 */
export async function publish(key: string, ...events: OutgoingEvent[]): Promise<void> {
  await sender.send(events.map((event) => eventMessage(event.topic, key, JSON.stringify(event.envelope))));
}

export async function closeProducer(): Promise<void> {
  await sender.close();
}

export interface BoughtProduct {
  productId: string;
  sku: string;
}

export interface SellerOrderRef {
  buyerOrderId: string;
  sellerOrderId: string;
  tenantId: string;
}

/**
 * A paid buyer order with one seller order of `tenantId` holding `products`, as checkout's `order.paid` tells it;
 * under `buyerOrderId`'s key when given, so it is handled after the events published before it on that key.
 */
export async function paidOrder(
  buyerId: string,
  tenantId: string,
  products: BoughtProduct[],
  buyerOrderId = ulid(),
): Promise<SellerOrderRef> {
  const ref = { buyerOrderId, sellerOrderId: ulid(), tenantId };
  const paid = OrderPaid.create(
    {
      buyerOrderId: ref.buyerOrderId,
      buyerId,
      total: 1000 * products.length,
      currency: 'EUR',
      sellerOrders: [
        {
          sellerOrderId: ref.sellerOrderId,
          tenantId,
          subtotal: 1000 * products.length,
          lines: products.map(({ productId, sku }) => ({ productId, sku, quantity: 1, unitPrice: 1000 })),
        },
      ],
      paidAt: new Date().toISOString(),
    },
    { tenantId: null },
  );
  await publish(ref.buyerOrderId, paid);
  return ref;
}

/** The seller moves its seller order on, as fulfilment's `seller-order.status-changed` tells it. */
export async function sellerOrderMoved(ref: SellerOrderRef, from: string, to: string): Promise<void> {
  const changed = SellerOrderStatusChanged.create(
    {
      buyerOrderId: ref.buyerOrderId,
      sellerOrderId: ref.sellerOrderId,
      tenantId: ref.tenantId,
      from,
      to,
      carrier: null,
      trackingNumber: null,
      changedAt: new Date().toISOString(),
    },
    { tenantId: ref.tenantId },
  );
  await publish(ref.buyerOrderId, changed);
}

export const REVIEWABLE = `query ($ids: [ID!]!) { reviewablePurchases(sellerOrderIds: $ids) { sellerOrderId productId canReview reviewId } }`;

interface Reviewable {
  reviewablePurchases: {
    sellerOrderId: string;
    productId: string;
    canReview: boolean;
    reviewId: string | null;
  }[];
}

/** Waits until the service has learned the seller order (and, when `delivered`, its delivery). */
export async function learned(
  app: ReviewsTestApp,
  buyerToken: string,
  ref: SellerOrderRef,
  delivered: boolean,
) {
  return waitFor(`seller order ${ref.sellerOrderId} learned`, async () => {
    const answer = await app.gql<Reviewable>(REVIEWABLE, { ids: [ref.sellerOrderId] }, buyerToken);
    const lines = dataOf(answer).reviewablePurchases;
    return lines.length > 0 && lines.every((line) => line.canReview === delivered) ? lines : undefined;
  });
}

/** A delivered seller order of `products`, learned by the service. */
export async function deliveredOrder(
  app: ReviewsTestApp,
  buyer: { userId: string; token: string },
  tenantId: string,
  products: BoughtProduct[],
): Promise<SellerOrderRef> {
  const ref = await paidOrder(buyer.userId, tenantId, products);
  await sellerOrderMoved(ref, 'shipped', 'delivered');
  await learned(app, buyer.token, ref, true);
  return ref;
}

/** A buyer's ready review photo, as media's `media.ready` tells it. */
export async function readyReviewPhoto(buyerId: string): Promise<string> {
  const mediaId = ulid();
  const ready = mediaReadyV1.create(
    {
      mediaId,
      purpose: 'REVIEW_PHOTO',
      buyerId,
      contentType: 'image/png',
      bytes: 2048,
      width: 400,
      height: 300,
      variants: [{ name: 'thumbnail', contentType: 'image/webp', width: 200, height: 150, bytes: 512 }],
    },
    { tenantId: null },
  );
  await publish(mediaId, ready);
  return mediaId;
}

export function product(): BoughtProduct {
  const productId = ulid();
  return { productId, sku: `SKU-${productId.slice(-8)}` };
}

export const CREATE_REVIEW = `mutation ($input: CreateReviewInput!) {
  createReview(input: $input) { id productId sellerId rating title text status verifiedPurchase skus photos { id } editableUntil }
}`;
export const UPDATE_REVIEW = `mutation ($id: ID!, $input: ReviewContentInput!) {
  updateReview(id: $id, input: $input) { id rating title text editedAt photos { id } }
}`;
export const REPLY = `mutation ($id: ID!, $text: String!) { replyToReview(id: $id, text: $text) { id reply { text createdAt } } }`;
export const HELPFUL = `mutation ($id: ID!) { markReviewHelpful(id: $id) { id helpfulCount } }`;
export const REPORT = `mutation ($id: ID!, $reason: String!) { reportReview(id: $id, reason: $reason) }`;
export const REMOVE = `mutation ($id: ID!, $policy: ReviewRemovalPolicy!, $reason: String!) {
  removeReview(id: $id, policy: $policy, reason: $reason) { id status removal { policy reason removedAt } }
}`;
export const DISMISS = `mutation ($id: ID!, $note: String) { dismissReviewReports(id: $id, note: $note) { id } }`;
export const REPORTED = `query { reportedReviews(first: 50) { nodes { id reportCount reportReasons } pageInfo { hasNextPage endCursor } } }`;
export const MY_REVIEWS = `query { myReviews(first: 50) { nodes { id status rating removal { policy reason } } } }`;
export const SELLER_REVIEWS = `query { sellerReviews(first: 50) { nodes { id rating } pageInfo { hasNextPage endCursor } } }`;
export const REVIEW = `query ($id: ID!) { review(id: $id) { id rating helpfulCount reply { text } } }`;
export const PRODUCT_REVIEWS = `query ($reps: [_Any!]!, $sort: ReviewSort, $first: Int, $after: String) {
  _entities(representations: $reps) { ... on Product {
    id
    rating { count average distribution }
    reviews(sort: $sort, first: $first, after: $after) { nodes { id rating helpfulCount } pageInfo { hasNextPage endCursor } }
  } }
}`;
export const SELLER_RATING = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Tenant { id rating { count average distribution } } }
}`;

export interface ProductReviewsAnswer {
  _entities: {
    id: string;
    rating: { count: number; average: number | null; distribution: number[] };
    reviews: {
      nodes: { id: string; rating: number; helpfulCount: number }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }[];
}

export function reviewInput(
  ref: SellerOrderRef,
  bought: BoughtProduct,
  content: Partial<{ rating: number; title: string; text: string; photoIds: string[] }> = {},
) {
  return {
    sellerOrderId: ref.sellerOrderId,
    productId: bought.productId,
    rating: 4,
    title: 'Does what it says',
    text: 'Arrived quickly and works well.',
    ...content,
  };
}
