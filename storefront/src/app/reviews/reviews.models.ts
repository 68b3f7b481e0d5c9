export interface RatingSummary {
  count: number;
  /** Null without reviews. */
  average: number | null;
  /** Published reviews with 1, 2, 3, 4 and 5 stars. */
  distribution: number[];
}

export type ReviewSort = 'NEWEST' | 'MOST_HELPFUL' | 'HIGHEST_RATING' | 'LOWEST_RATING';

export const REVIEW_SORTS: { value: ReviewSort; label: string }[] = [
  { value: 'NEWEST', label: 'Newest' },
  { value: 'MOST_HELPFUL', label: 'Most helpful' },
  { value: 'HIGHEST_RATING', label: 'Highest rating' },
  { value: 'LOWEST_RATING', label: 'Lowest rating' },
];

export interface Review {
  id: string;
  rating: number;
  title: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
  helpfulCount: number;
  verifiedPurchase: boolean;
  photos: { id: string; variants: { name: string; url: string }[] }[];
  reply: { text: string; createdAt: string } | null;
}

export interface ReviewPage {
  reviews: Review[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A product of one of the buyer's seller orders and whether it can be reviewed now. */
export interface ReviewablePurchase {
  sellerOrderId: string;
  productId: string;
  canReview: boolean;
  reviewId: string | null;
}

export interface NewReview {
  sellerOrderId: string;
  productId: string;
  rating: number;
  title: string;
  text: string;
}

/** The review text limits the reviews service enforces. */
export const MAX_REVIEW_TITLE = 150;
export const MAX_REVIEW_TEXT = 5000;
