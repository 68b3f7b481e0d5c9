import { BuyerCollection } from '@marketplace/tenancy';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../reviews/reviews.repository';
import type { PurchaseDocument, ReviewPhotoDocument } from '../reviews/review.document';

/**
 * What the service learned from other services' events: the seller orders buyers paid (and which were delivered)
 * and the review photos buyers uploaded. Consumers write them by id as events arrive; buyers read only their own.
 */
export class PurchasesRepository {
  private readonly buyerPurchases: BuyerCollection<PurchaseDocument>;
  private readonly buyerPhotos: BuyerCollection<ReviewPhotoDocument>;

  constructor(
    private readonly purchases: Collection<PurchaseDocument>,
    private readonly photos: Collection<ReviewPhotoDocument>,
  ) {
    this.buyerPurchases = new BuyerCollection(purchases);
    this.buyerPhotos = new BuyerCollection(photos);
  }

  static async open(db: Db): Promise<PurchasesRepository> {
    const purchases = db.collection<PurchaseDocument>('purchases');
    const photos = db.collection<ReviewPhotoDocument>('review_photos');
    await Promise.all([
      purchases.createIndex({ buyerId: 1, _id: 1 }, { name: 'buyer' }),
      photos.createIndex({ buyerId: 1, _id: 1 }, { name: 'buyer' }),
    ]);
    return new PurchasesRepository(purchases, photos);
  }

  /** A paid seller order; a redelivered event finds it recorded and changes nothing. */
  async recordPaid(purchase: PurchaseDocument): Promise<void> {
    try {
      await this.purchases.insertOne(purchase);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * False when the seller order is unknown (not paid through checkout, or of another tenant). Read and written by
   * `_id` alone, the guards checked here: FerretDB (the local stand-in) runs any other filter, and every count, by
   * decoding the whole collection, which grows with every order paid (5,000 purchases: 828 ms per order event).
   * A seller order's events come one at a time (one key), so nothing sets its delivery in between.
   */
  async markDelivered(sellerOrderId: string, tenantId: string, at: Date): Promise<boolean> {
    const purchase = await this.purchases.findOne({ _id: sellerOrderId });
    if (!purchase || purchase.tenantId !== tenantId) return false;
    if (purchase.deliveredAt === null)
      await this.purchases.updateOne({ _id: sellerOrderId }, { $set: { deliveredAt: at } });
    return true;
  }

  async recordPhoto(photo: ReviewPhotoDocument): Promise<void> {
    try {
      await this.photos.insertOne(photo);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async forgetPhoto(mediaId: string): Promise<void> {
    await this.photos.deleteOne({ _id: mediaId });
  }

  // The buyer of the request context

  findOwnPurchase(sellerOrderId: string): Promise<PurchaseDocument | null> {
    return this.buyerPurchases.findById(sellerOrderId);
  }

  ownPurchases(sellerOrderIds: readonly string[]): Promise<PurchaseDocument[]> {
    return this.buyerPurchases.find({ _id: { $in: [...sellerOrderIds] } });
  }

  async ownPhotoIds(mediaIds: readonly string[]): Promise<Set<string>> {
    if (mediaIds.length === 0) return new Set();
    const photos = await this.buyerPhotos.find({ _id: { $in: [...mediaIds] } }, { projection: { _id: 1 } });
    return new Set(photos.map((photo) => photo._id));
  }
}
