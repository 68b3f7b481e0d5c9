import type { ReviewDocument } from './review.document';
import type { OwnReview, ReportedReview, Review } from './review.model';

export function toReview(doc: ReviewDocument, editWindowMs: number): Review {
  return {
    id: doc._id,
    productId: doc.productId,
    product: { id: doc.productId },
    sellerId: doc.tenantId,
    seller: { id: doc.tenantId },
    rating: doc.rating,
    title: doc.title,
    text: doc.text,
    photos: doc.photoIds.map((id) => ({ id })),
    verifiedPurchase: true,
    skus: doc.skus,
    status: doc.status,
    helpfulCount: doc.helpfulCount,
    reply: doc.reply ? { text: doc.reply.text, createdAt: doc.reply.createdAt } : null,
    createdAt: doc.createdAt,
    editedAt: doc.editedAt,
    editableUntil: new Date(doc.createdAt.getTime() + editWindowMs),
  };
}

export function toOwnReview(doc: ReviewDocument, editWindowMs: number): OwnReview {
  return {
    ...toReview(doc, editWindowMs),
    removal: doc.removal
      ? { policy: doc.removal.policy, reason: doc.removal.reason, removedAt: doc.removal.removedAt }
      : null,
  };
}

export function toReportedReview(
  doc: ReviewDocument,
  editWindowMs: number,
  reasons: string[],
): ReportedReview {
  return { ...toOwnReview(doc, editWindowMs), reportCount: doc.reportCount, reportReasons: reasons };
}
