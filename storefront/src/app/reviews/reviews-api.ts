import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { GraphqlClient } from '../core/graphql-client';
import type {
  NewReview,
  RatingSummary,
  Review,
  ReviewablePurchase,
  ReviewPage,
  ReviewSort,
} from './reviews.models';

const REVIEW_FIELDS = `id rating title text createdAt editedAt helpfulCount verifiedPurchase
  photos { id variants { name url } }
  reply { text createdAt }`;

const RATINGS = `query ProductRatings($id: ID!) {
  product(id: $id) { id rating { count average distribution } seller { id rating { count average distribution } } }
}`;
const SELLER_RATING = `query SellerRating($id: ID!) { tenant(id: $id) { id rating { count average distribution } } }`;
const PRODUCT_REVIEWS = `query ProductReviews($id: ID!, $sort: ReviewSort, $first: Int, $after: String) {
  product(id: $id) { id reviews(sort: $sort, first: $first, after: $after) {
    nodes { ${REVIEW_FIELDS} } pageInfo { hasNextPage endCursor }
  } }
}`;
const MARK_HELPFUL = `mutation MarkHelpful($id: ID!) { markReviewHelpful(id: $id) { id helpfulCount } }`;
const REVIEWABLE = `query Reviewable($ids: [ID!]!) {
  reviewablePurchases(sellerOrderIds: $ids) { sellerOrderId productId canReview reviewId }
}`;
const CREATE_REVIEW = `mutation CreateReview($input: CreateReviewInput!) { createReview(input: $input) { id } }`;

/** Reviews and ratings through the gateway (the reviews subgraph). */
@Injectable({ providedIn: 'root' })
export class ReviewsApi {
  private readonly graphql = inject(GraphqlClient);

  ratings(productId: string): Observable<{ product: RatingSummary; seller: RatingSummary } | null> {
    return this.graphql
      .query<{
        product: { rating: RatingSummary; seller: { rating: RatingSummary } } | null;
      }>(RATINGS, { id: productId })
      .pipe(
        map(({ product }) => (product ? { product: product.rating, seller: product.seller.rating } : null)),
      );
  }

  /** A seller's rating over all its products' published reviews; null for an unknown seller. */
  sellerRating(tenantId: string): Observable<RatingSummary | null> {
    return this.graphql
      .query<{ tenant: { rating: RatingSummary } | null }>(SELLER_RATING, { id: tenantId })
      .pipe(map(({ tenant }) => tenant?.rating ?? null));
  }

  reviews(productId: string, sort: ReviewSort, first: number, after: string | null): Observable<ReviewPage> {
    return this.graphql
      .query<{
        product: {
          reviews: { nodes: Review[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        } | null;
      }>(PRODUCT_REVIEWS, { id: productId, sort, first, after })
      .pipe(
        map(({ product }) => ({
          reviews: product?.reviews.nodes ?? [],
          hasNextPage: product?.reviews.pageInfo.hasNextPage ?? false,
          endCursor: product?.reviews.pageInfo.endCursor ?? null,
        })),
      );
  }

  markHelpful(reviewId: string): Observable<number> {
    return this.graphql
      .query<{ markReviewHelpful: { helpfulCount: number } }>(MARK_HELPFUL, { id: reviewId })
      .pipe(map((data) => data.markReviewHelpful.helpfulCount));
  }

  reviewable(sellerOrderIds: string[]): Observable<ReviewablePurchase[]> {
    return this.graphql
      .query<{ reviewablePurchases: ReviewablePurchase[] }>(REVIEWABLE, { ids: sellerOrderIds })
      .pipe(map((data) => data.reviewablePurchases));
  }

  create(review: NewReview): Observable<string> {
    return this.graphql
      .query<{ createReview: { id: string } }>(CREATE_REVIEW, { input: review })
      .pipe(map((data) => data.createReview.id));
  }
}
