import { DocumentOutbox, type DocumentWriteSerializer, type StagedUpdate } from '@marketplace/events';
import {
  BuyerCollection,
  CrossTenantCollection,
  TenantCollection,
  type NewBuyerDocument,
} from '@marketplace/tenancy';
import type { Collection, Db, Document, Filter, FindOptions, Sort } from 'mongodb';
import type { ReviewDocument } from './review.document';

export const REVIEWS_COLLECTION = 'reviews';
const HELPFUL_VOTES_COLLECTION = 'review_helpful_votes';
const REPORTS_COLLECTION = 'review_reports';

const WITHOUT_OUTBOX: FindOptions = { projection: DocumentOutbox.withoutEvents };

/** A change of one review with its events staged (DocumentOutbox). */
export type ReviewUpdate = StagedUpdate<{ $set: Record<string, unknown> }>;

/** The orders a public review list can have; each is a keyset on (key, _id). */
export type ReviewOrder = 'newest' | 'helpful' | 'highest' | 'lowest';

/** Where the next page of a public list starts: the last row's order value and id. */
export interface ReviewPosition {
  value: number | string;
  id: string;
}

const ORDER_KEY: Record<ReviewOrder, { field: keyof ReviewDocument; direction: 1 | -1 }> = {
  newest: { field: '_id', direction: -1 },
  helpful: { field: 'helpfulCount', direction: -1 },
  highest: { field: 'rating', direction: -1 },
  lowest: { field: 'rating', direction: 1 },
};

export function orderValue(order: ReviewOrder, review: ReviewDocument): number | string {
  return review[ORDER_KEY[order].field] as number | string;
}

function afterPosition(order: ReviewOrder, position: ReviewPosition | undefined): Filter<ReviewDocument> {
  if (!position) return {};
  const { field, direction } = ORDER_KEY[order];
  if (field === '_id') return { _id: { $lt: position.id } };
  const beyond = direction === 1 ? '$gt' : '$lt';
  return {
    $or: [{ [field]: { [beyond]: position.value } }, { [field]: position.value, _id: { $lt: position.id } }],
  } as Filter<ReviewDocument>;
}

function sortOf(order: ReviewOrder): Sort {
  const { field, direction } = ORDER_KEY[order];
  return field === '_id' ? { _id: -1 } : { [field]: direction, _id: -1 };
}

/**
 * Every access to reviews, one way per kind of caller: the author (scoped to the buyer of the request), the
 * seller (scoped to the tenant of the request), anyone (published reviews only), platform moderation (named
 * cross-tenant operations) and the aggregates (the tenant of the event being applied).
 */
export class ReviewsRepository {
  private readonly byAuthor: BuyerCollection<ReviewDocument>;
  private readonly bySeller: TenantCollection<ReviewDocument>;
  private readonly moderation: CrossTenantCollection<ReviewDocument>;

  constructor(
    private readonly reviews: Collection<ReviewDocument>,
    private readonly votes: Collection<Document>,
    private readonly reports: Collection<Document>,
    private readonly serializeWrite: DocumentWriteSerializer,
  ) {
    this.byAuthor = new BuyerCollection(reviews);
    this.bySeller = new TenantCollection(reviews);
    this.moderation = new CrossTenantCollection(reviews);
  }

  static async open(db: Db, serializeWrite: DocumentWriteSerializer): Promise<ReviewsRepository> {
    const reviews = db.collection<ReviewDocument>(REVIEWS_COLLECTION);
    const votes = db.collection(HELPFUL_VOTES_COLLECTION);
    const reports = db.collection(REPORTS_COLLECTION);
    await Promise.all([
      reviews.createIndex(
        { sellerOrderId: 1, productId: 1 },
        { unique: true, name: 'one_per_order_product' },
      ),
      reviews.createIndex({ productId: 1, status: 1, _id: -1 }, { name: 'product_newest' }),
      reviews.createIndex(
        { productId: 1, status: 1, helpfulCount: -1, _id: -1 },
        { name: 'product_helpful' },
      ),
      reviews.createIndex({ productId: 1, status: 1, rating: -1, _id: -1 }, { name: 'product_rating' }),
      reviews.createIndex({ buyerId: 1, _id: -1 }, { name: 'author_newest' }),
      reviews.createIndex({ tenantId: 1, _id: -1 }, { name: 'seller_newest' }),
      reviews.createIndex({ status: 1, reportCount: 1 }, { name: 'reported' }),
      reviews.createIndex({ pendingEventCount: 1 }, { name: 'outbox_pending' }),
      votes.createIndex({ reviewId: 1 }, { name: 'review' }),
      reports.createIndex({ reviewId: 1 }, { name: 'review' }),
    ]);
    return new ReviewsRepository(reviews, votes, reports, serializeWrite);
  }

  /** For the outbox relay. */
  get collection(): Collection<ReviewDocument> {
    return this.reviews;
  }

  // The author (buyer of the request context)

  async insertOwn(review: NewBuyerDocument<ReviewDocument>): Promise<void> {
    await this.byAuthor.insertOne(review);
  }

  findOwn(id: string): Promise<ReviewDocument | null> {
    return this.byAuthor.findOne({ _id: id }, WITHOUT_OUTBOX);
  }

  listOwn(limit: number, beforeId?: string): Promise<ReviewDocument[]> {
    return this.byAuthor.find(beforeId ? { _id: { $lt: beforeId } } : {}, {
      ...WITHOUT_OUTBOX,
      sort: { _id: -1 },
      limit,
    });
  }

  ownOfSellerOrders(sellerOrderIds: readonly string[]): Promise<ReviewDocument[]> {
    return this.byAuthor.find({ sellerOrderId: { $in: [...sellerOrderIds] } }, WITHOUT_OUTBOX);
  }

  /** Applies `update` while the review is still as `guard` says; false when it no longer is. */
  async updateOwn(id: string, guard: Filter<ReviewDocument>, update: ReviewUpdate): Promise<boolean> {
    const result = await this.serializeWrite(id, () =>
      this.byAuthor.updateOne({ ...guard, _id: id }, update as Document),
    );
    return result.matchedCount === 1;
  }

  // The seller (tenant of the request context)

  findForSeller(id: string): Promise<ReviewDocument | null> {
    return this.bySeller.findOne({ _id: id }, WITHOUT_OUTBOX);
  }

  listForSeller(limit: number, beforeId?: string): Promise<ReviewDocument[]> {
    return this.bySeller.find(beforeId ? { _id: { $lt: beforeId } } : {}, {
      ...WITHOUT_OUTBOX,
      sort: { _id: -1 },
      limit,
    });
  }

  async updateForSeller(id: string, guard: Filter<ReviewDocument>, update: ReviewUpdate): Promise<boolean> {
    const result = await this.serializeWrite(id, () =>
      this.bySeller.updateOne({ ...guard, _id: id }, update as Document),
    );
    return result.matchedCount === 1;
  }

  /** Published reviews' star counts (index 0 = 1 star) of the current tenant, of one product or all. */
  async publishedDistribution(productId?: string): Promise<number[]> {
    const match: Document = { status: 'published' };
    if (productId) match.productId = productId;
    const groups = await this.bySeller.aggregate<{ _id: number; count: number }>([
      { $match: match },
      { $group: { _id: '$rating', count: { $sum: 1 } } },
    ]);
    const distribution = [0, 0, 0, 0, 0];
    for (const group of groups) distribution[group._id - 1] = group.count;
    return distribution;
  }

  // Anyone: published reviews are public, like published products.

  findPublished(id: string): Promise<ReviewDocument | null> {
    return this.reviews.findOne({ _id: id, status: 'published' }, WITHOUT_OUTBOX);
  }

  listPublished(
    productId: string,
    order: ReviewOrder,
    limit: number,
    after?: ReviewPosition,
  ): Promise<ReviewDocument[]> {
    const filter = {
      productId,
      status: 'published',
      ...afterPosition(order, after),
    } as Filter<ReviewDocument>;
    return this.reviews.find(filter, { ...WITHOUT_OUTBOX, sort: sortOf(order), limit }).toArray();
  }

  /**
   * Records the user's helpful vote once (the vote's id is review and user) and sets the review's count to the
   * votes it has, so a retried or concurrent vote never counts twice. False when the user had voted already.
   */
  async addHelpfulVote(reviewId: string, userId: string): Promise<boolean> {
    const added = await insertOnce(this.votes, {
      _id: `${reviewId}:${userId}`,
      reviewId,
      userId,
      at: new Date(),
    });
    const helpfulCount = await this.votes.countDocuments({ reviewId });
    await this.serializeWrite(reviewId, () =>
      this.reviews.updateOne({ _id: reviewId }, { $set: { helpfulCount } }),
    );
    return added;
  }

  /** One open report per user and review; the review's report count is the number of its reports. */
  async addReport(reviewId: string, userId: string, reason: string): Promise<boolean> {
    const added = await insertOnce(this.reports, {
      _id: `${reviewId}:${userId}`,
      reviewId,
      userId,
      reason,
      at: new Date(),
    });
    const reportCount = await this.reports.countDocuments({ reviewId });
    await this.serializeWrite(reviewId, () =>
      this.reviews.updateOne({ _id: reviewId }, { $set: { reportCount } }),
    );
    return added;
  }

  // Platform moderation: only inside named cross-tenant operations.

  async findAnyForModeration(id: string): Promise<ReviewDocument | null> {
    const [review] = await this.moderation.find({ _id: id }, { ...WITHOUT_OUTBOX, limit: 1 });
    return review ?? null;
  }

  listReported(limit: number, beforeId?: string): Promise<ReviewDocument[]> {
    const filter: Filter<ReviewDocument> = { status: 'published', reportCount: { $gt: 0 } };
    if (beforeId) filter._id = { $lt: beforeId };
    return this.moderation.find(filter, { ...WITHOUT_OUTBOX, sort: { _id: -1 }, limit });
  }

  reportsOf(reviewId: string): Promise<Document[]> {
    return this.reports.find({ reviewId }, { sort: { at: 1 }, limit: 100 }).toArray();
  }

  async moderate(id: string, guard: Filter<ReviewDocument>, update: ReviewUpdate): Promise<boolean> {
    const result = await this.serializeWrite(id, () =>
      this.moderation.updateMany({ ...guard, _id: id }, update as Document),
    );
    return result.matchedCount === 1;
  }

  /** Drops a review's reports (a moderator found no policy breach); the vote count stays. */
  async clearReports(id: string): Promise<void> {
    await this.reports.deleteMany({ reviewId: id });
  }
}

/** Inserts a document whose `_id` makes it unique; false when it exists. */
async function insertOnce(collection: Collection<Document>, doc: Document): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}
