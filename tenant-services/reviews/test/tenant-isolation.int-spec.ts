import { createTestBuyer, describeTenantIsolation, type GraphQLClient } from '@marketplace/testing';
import {
  closeProducer,
  CREATE_REVIEW,
  dataOf,
  deliveredOrder,
  product,
  REPLY,
  reviewInput,
  SELLER_REVIEWS,
  startReviewsApp,
  type ReviewsTestApp,
} from './support';

let app: ReviewsTestApp;

/**
 * A seller reaches only the reviews of its own products: another tenant's token on them is answered as if they
 * did not exist, and its lists never show them.
 */
describeTenantIsolation<{ reviewId: string }>({
  service: 'reviews',
  async start() {
    app = await startReviewsApp();
    return {
      gql: app.gql,
      close: async () => {
        await app.close();
        await closeProducer();
      },
    };
  },
  async seed(gql: GraphQLClient, owner) {
    const buyer = await createTestBuyer();
    const bought = product();
    const ref = await deliveredOrder(app, buyer, owner.tenantId!, [bought]);
    const created = await gql<{ createReview: { id: string } }>(
      CREATE_REVIEW,
      { input: reviewInput(ref, bought, { rating: 2 }) },
      buyer.token,
    );
    return { reviewId: dataOf(created).createReview.id };
  },
  ids: ({ reviewId }) => [reviewId],
  async snapshot(gql, owner) {
    return dataOf(await gql(SELLER_REVIEWS, {}, owner.token)).sellerReviews;
  },
  operations: [
    {
      name: 'replyToReview',
      query: REPLY,
      variables: ({ reviewId }) => ({ id: reviewId, text: 'Not my product' }),
    },
    { name: 'sellerReviews', query: SELLER_REVIEWS, expect: 'hidden' },
  ],
});
