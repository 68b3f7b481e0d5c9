import { ProductRatingChanged, SellerRatingChanged } from '@marketplace/contracts';
import { currentContext } from '@marketplace/tenancy';
import type { RatingDocument } from '../reviews/review.document';
import type { ReviewsRepository } from '../reviews/reviews.repository';
import type { RatingsRepository } from './ratings.repository';

export interface RatingSummaryView {
  count: number;
  average: number | null;
  distribution: number[];
}

const NO_RATINGS: RatingSummaryView = { count: 0, average: null, distribution: [0, 0, 0, 0, 0] };

export function averageOf(count: number, sum: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

export function summaryOf(rating: RatingDocument | null | undefined): RatingSummaryView {
  if (!rating) return NO_RATINGS;
  return {
    count: rating.count,
    average: averageOf(rating.count, rating.sum),
    distribution: rating.distribution,
  };
}

/**
 * Keeps the aggregates of products and sellers from the service's own review events. Each event makes the
 * aggregate be counted again from the published reviews (not incremented), so a redelivered, reordered or
 * concurrent event cannot skew it; a changed aggregate is stored with its `rating.*-changed` event.
 */
export class RatingsService {
  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly ratings: RatingsRepository,
    private readonly onEventsWritten?: () => void,
  ) {}

  /** Runs in the tenant context of the review event (the seller of the product). */
  async recount(productId: string): Promise<void> {
    const tenantId = currentContext()?.tenantId;
    if (!tenantId) throw new Error('A review event without its seller tenant');
    const [product, seller] = await Promise.all([
      this.reviews.publishedDistribution(productId),
      this.reviews.publishedDistribution(),
    ]);
    await this.ratings.store('product', productId, totals(product), (revision) =>
      ProductRatingChanged.create({ productId, tenantId, ...payloadOf(product), revision }, { tenantId }),
    );
    await this.ratings.store('seller', tenantId, totals(seller), (revision) =>
      SellerRatingChanged.create({ tenantId, ...payloadOf(seller), revision }, { tenantId }),
    );
    this.onEventsWritten?.();
  }

  async ofProduct(productId: string): Promise<RatingSummaryView> {
    return summaryOf(await this.ratings.findPublic('product', productId));
  }

  async ofSeller(tenantId: string): Promise<RatingSummaryView> {
    return summaryOf(await this.ratings.findPublic('seller', tenantId));
  }
}

function totals(distribution: number[]): { count: number; sum: number; distribution: number[] } {
  let count = 0;
  let sum = 0;
  distribution.forEach((stars, index) => {
    count += stars;
    sum += stars * (index + 1);
  });
  return { count, sum, distribution };
}

function payloadOf(distribution: number[]) {
  const { count, sum } = totals(distribution);
  return { count, average: averageOf(count, sum), distribution };
}
