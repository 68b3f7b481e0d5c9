import { auditEvent } from '@marketplace/audit';
import { ForbiddenError } from '@marketplace/auth';
import {
  ReviewPublished,
  ReviewRemoved,
  ReviewReplied,
  ReviewUpdated,
  type ReviewRemovalPolicy,
} from '@marketplace/contracts';
import { DocumentOutbox, type OutgoingEvent } from '@marketplace/events';
import { ConflictError, NotFoundError, ValidationError } from '@marketplace/observability';
import { pageOf, type Connection } from '@marketplace/service-kit';
import { acrossTenants } from '@marketplace/tenancy';
import { monotonicFactory } from 'ulid';
import type { PurchasesRepository } from '../purchases/purchases.repository';
import type { ReviewDocument } from './review.document';
import { idCursor, reviewListCursor, type CreateReviewCommand, type ReviewContent } from './review.inputs';
import { isDuplicateKey, orderValue, type ReviewOrder, type ReviewsRepository } from './reviews.repository';

const newReviewId = monotonicFactory();
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReviewsServiceOptions {
  reviews: ReviewsRepository;
  purchases: PurchasesRepository;
  editWindowDays: number;
  /** Called after a write that added outbox events, so the relay can publish at once. */
  onEventsWritten?: () => void;
}

export interface ReviewablePurchaseView {
  sellerOrderId: string;
  productId: string;
  canReview: boolean;
  reviewId: string | null;
}

/**
 * Reviews from verified purchases: a buyer reviews a product of a delivered seller order once, edits it within
 * the edit window; the product's seller replies once; anyone signed in votes helpful or reports; platform
 * moderators remove a review only under a named policy. Nothing here looks at the rating to decide whether a
 * review is shown (16 CFR 465.7, ADR 0025). Every change writes its events into the same document update.
 */
export class ReviewsService {
  constructor(private readonly options: ReviewsServiceOptions) {}

  get editWindowMs(): number {
    return this.options.editWindowDays * DAY_MS;
  }

  async create(command: CreateReviewCommand, buyerId: string): Promise<ReviewDocument> {
    const purchase = await this.options.purchases.findOwnPurchase(command.sellerOrderId);
    const lines = purchase?.lines.filter((line) => line.productId === command.productId) ?? [];
    if (!purchase || lines.length === 0) {
      throw new ForbiddenError('Only buyers of this product can review it: no order of yours has it');
    }
    if (!purchase.deliveredAt) {
      throw new ForbiddenError('You can review this product once the seller has delivered your order');
    }
    await this.requireOwnPhotos(command.photoIds);
    const now = new Date();
    const id = newReviewId();
    const review: ReviewDocument = {
      _id: id,
      tenantId: purchase.tenantId,
      buyerId,
      productId: command.productId,
      sellerOrderId: command.sellerOrderId,
      skus: [...new Set(lines.map((line) => line.sku))],
      rating: command.rating,
      title: command.title,
      text: command.text,
      photoIds: command.photoIds,
      status: 'published',
      helpfulCount: 0,
      reportCount: 0,
      reply: null,
      removal: null,
      createdAt: now,
      updatedAt: now,
      editedAt: null,
      ...DocumentOutbox.initial(id),
    };
    const published = ReviewPublished.create(snapshotOf(review, now), { tenantId: review.tenantId });
    try {
      await this.options.reviews.insertOwn({ ...review, ...DocumentOutbox.initial(id, [published]) });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ConflictError(
          'You have already reviewed this product from this order; edit that review instead',
        );
      }
      throw error;
    }
    this.options.onEventsWritten?.();
    return review;
  }

  async update(id: string, content: ReviewContent): Promise<ReviewDocument> {
    const review = await this.options.reviews.findOwn(id);
    if (!review) throw new NotFoundError('Review not found');
    if (review.status !== 'published') throw new ConflictError('A removed review cannot be edited');
    if (Date.now() > review.createdAt.getTime() + this.editWindowMs) {
      throw new ForbiddenError(
        `A review can be edited for ${this.options.editWindowDays} days after it was written`,
      );
    }
    await this.requireOwnPhotos(content.photoIds);
    const now = new Date();
    const next: ReviewDocument = { ...review, ...content, updatedAt: now, editedAt: now };
    const updated = ReviewUpdated.create(
      { ...snapshotOf(next, now), previousRating: review.rating },
      { tenantId: review.tenantId },
    );
    const applied = await this.options.reviews.updateOwn(
      id,
      { status: 'published', updatedAt: review.updatedAt },
      this.staged(id, { ...content, updatedAt: now, editedAt: now }, [updated]),
    );
    if (!applied) throw new ConflictError('The review changed while this request ran; read it again');
    this.options.onEventsWritten?.();
    return next;
  }

  /** The seller's one public reply; only the tenant whose product was reviewed finds the review. */
  async reply(id: string, text: string, sellerUserId: string): Promise<ReviewDocument> {
    const review = await this.options.reviews.findForSeller(id);
    if (!review) throw new NotFoundError('Review not found');
    if (review.status !== 'published') throw new ConflictError('A removed review cannot be replied to');
    if (review.reply) throw new ConflictError('This review already has your reply');
    const now = new Date();
    const reply = { text, repliedBy: sellerUserId, createdAt: now };
    const replied = ReviewReplied.create(
      { ...snapshotOf(review, now), repliedBy: sellerUserId },
      { tenantId: review.tenantId },
    );
    const applied = await this.options.reviews.updateForSeller(
      id,
      { status: 'published', reply: null },
      this.staged(id, { reply, updatedAt: now }, [replied]),
    );
    if (!applied) throw new ConflictError('This review already has your reply');
    this.options.onEventsWritten?.();
    return { ...review, reply, updatedAt: now };
  }

  /** Counts the user's helpful vote once; voting again changes nothing. Authors do not vote on their own. */
  async markHelpful(id: string, userId: string): Promise<ReviewDocument> {
    const review = await this.options.reviews.findPublished(id);
    if (!review) throw new NotFoundError('Review not found');
    if (review.buyerId === userId) throw new ForbiddenError('You cannot mark your own review helpful');
    await this.options.reviews.addHelpfulVote(id, userId);
    return (await this.options.reviews.findPublished(id)) ?? review;
  }

  /** Puts the review in the moderation queue; one report per user. It stays visible until a moderator decides. */
  async report(id: string, userId: string, reason: string): Promise<boolean> {
    const review = await this.options.reviews.findPublished(id);
    if (!review) throw new NotFoundError('Review not found');
    await this.options.reviews.addReport(id, userId, reason);
    return true;
  }

  async remove(
    id: string,
    policy: ReviewRemovalPolicy,
    reason: string,
    moderatorId: string,
  ): Promise<ReviewDocument> {
    return acrossTenants('reviews.moderate-review', async () => {
      const review = await this.options.reviews.findAnyForModeration(id);
      if (!review) throw new NotFoundError('Review not found');
      if (review.status !== 'published') throw new ConflictError('This review is already removed');
      const now = new Date();
      const removal = { policy, reason, removedBy: moderatorId, removedAt: now };
      const events = [
        ReviewRemoved.create({ ...snapshotOf(review, now), policy, reason }, { tenantId: review.tenantId }),
        auditEvent({
          service: 'reviews',
          action: 'review.remove',
          tenantId: review.tenantId,
          targetType: 'review',
          targetId: id,
          before: { status: review.status, rating: review.rating, title: review.title, text: review.text },
          after: { status: 'removed', policy },
          reason,
        }),
      ];
      const applied = await this.options.reviews.moderate(
        id,
        { status: 'published' },
        this.staged(id, { status: 'removed', removal, updatedAt: now }, events),
      );
      if (!applied) throw new ConflictError('This review is already removed');
      this.options.onEventsWritten?.();
      return { ...review, status: 'removed', removal, updatedAt: now };
    });
  }

  /** A moderator found the reports unfounded: the review leaves the queue, the decision is audited. */
  async dismissReports(id: string, note: string | null): Promise<ReviewDocument> {
    return acrossTenants('reviews.dismiss-reports', async () => {
      const review = await this.options.reviews.findAnyForModeration(id);
      if (!review) throw new NotFoundError('Review not found');
      if (review.reportCount === 0) throw new ValidationError('This review has no reports');
      const now = new Date();
      const audit = auditEvent({
        service: 'reviews',
        action: 'review.dismiss-reports',
        tenantId: review.tenantId,
        targetType: 'review',
        targetId: id,
        before: { reportCount: review.reportCount },
        after: { reportCount: 0 },
        reason: note,
      });
      await this.options.reviews.clearReports(id);
      await this.options.reviews.moderate(
        id,
        {},
        this.staged(id, { reportCount: 0, updatedAt: now }, [audit]),
      );
      this.options.onEventsWritten?.();
      return { ...review, reportCount: 0, updatedAt: now };
    });
  }

  listReported(first: number, after: string | null | undefined): Promise<Connection<ReviewDocument>> {
    const beforeId = after ? idCursor.decode(after).id : undefined;
    return acrossTenants('reviews.admin-list-reported', async () =>
      pageOf(await this.options.reviews.listReported(first + 1, beforeId), first, byId),
    );
  }

  reportReasons(id: string): Promise<string[]> {
    return this.options.reviews
      .reportsOf(id)
      .then((reports) => reports.map((report) => String(report.reason)));
  }

  findPublished(id: string): Promise<ReviewDocument | null> {
    return this.options.reviews.findPublished(id);
  }

  async listForProduct(
    productId: string,
    order: ReviewOrder,
    first: number,
    after: string | null | undefined,
  ): Promise<Connection<ReviewDocument>> {
    const position = after ? reviewListCursor.decode(after) : undefined;
    if (position && position.sort !== order)
      throw new ValidationError('after: not a cursor this API returned');
    const rows = await this.options.reviews.listPublished(productId, order, first + 1, position);
    return pageOf(rows, first, (review) =>
      reviewListCursor.encode({ sort: order, value: orderValue(order, review), id: review._id }),
    );
  }

  async listOwn(first: number, after: string | null | undefined): Promise<Connection<ReviewDocument>> {
    const beforeId = after ? idCursor.decode(after).id : undefined;
    return pageOf(await this.options.reviews.listOwn(first + 1, beforeId), first, byId);
  }

  async listForSeller(first: number, after: string | null | undefined): Promise<Connection<ReviewDocument>> {
    const beforeId = after ? idCursor.decode(after).id : undefined;
    return pageOf(await this.options.reviews.listForSeller(first + 1, beforeId), first, byId);
  }

  /** Each product of the buyer's given seller orders, with whether it can be reviewed now. */
  async reviewable(sellerOrderIds: readonly string[]): Promise<ReviewablePurchaseView[]> {
    const [purchases, reviews] = await Promise.all([
      this.options.purchases.ownPurchases(sellerOrderIds),
      this.options.reviews.ownOfSellerOrders(sellerOrderIds),
    ]);
    const reviewIds = new Map(
      reviews.map((review) => [`${review.sellerOrderId}:${review.productId}`, review._id]),
    );
    return purchases.flatMap((purchase) =>
      [...new Set(purchase.lines.map((line) => line.productId))].map((productId) => {
        const reviewId = reviewIds.get(`${purchase._id}:${productId}`) ?? null;
        return {
          sellerOrderId: purchase._id,
          productId,
          canReview: purchase.deliveredAt !== null && reviewId === null,
          reviewId,
        };
      }),
    );
  }

  private async requireOwnPhotos(photoIds: readonly string[]): Promise<void> {
    const own = await this.options.purchases.ownPhotoIds(photoIds);
    const foreign = photoIds.filter((photoId) => !own.has(photoId));
    if (foreign.length > 0) {
      throw new ValidationError(
        `photoIds: ${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not a ready review photo you uploaded`,
      );
    }
  }

  private staged(id: string, $set: Record<string, unknown>, events: readonly OutgoingEvent[]) {
    return DocumentOutbox.stage({ $set }, id, events);
  }
}

function byId(review: ReviewDocument): string {
  return idCursor.encode({ id: review._id });
}

function snapshotOf(review: ReviewDocument, at: Date) {
  return {
    reviewId: review._id,
    productId: review.productId,
    tenantId: review.tenantId,
    buyerId: review.buyerId,
    sellerOrderId: review.sellerOrderId,
    rating: review.rating,
    at: at.toISOString(),
  };
}
