import { DocumentOutbox, type DocumentWriteSerializer, type OutgoingEvent } from '@marketplace/events';
import { TenantCollection } from '@marketplace/tenancy';
import type { Collection, Db, Document } from 'mongodb';
import { isDuplicateKey } from '../reviews/reviews.repository';
import type { RatingDocument } from '../reviews/review.document';

export type RatingKind = 'product' | 'seller';

/** The aggregate documents of products and sellers, each owned by the seller's tenant. */
export class RatingsRepository {
  private readonly scoped: Record<RatingKind, TenantCollection<RatingDocument>>;

  constructor(
    readonly collections: Record<RatingKind, Collection<RatingDocument>>,
    private readonly serializeWrite: DocumentWriteSerializer,
  ) {
    this.scoped = {
      product: new TenantCollection(collections.product),
      seller: new TenantCollection(collections.seller),
    };
  }

  static async open(db: Db, serializeWrite: DocumentWriteSerializer): Promise<RatingsRepository> {
    const product = db.collection<RatingDocument>('product_ratings');
    const seller = db.collection<RatingDocument>('seller_ratings');
    await Promise.all(
      [product, seller].map((collection) =>
        collection.createIndex({ pendingEventCount: 1 }, { name: 'outbox_pending' }),
      ),
    );
    return new RatingsRepository({ product, seller }, serializeWrite);
  }

  /** Anyone may read an aggregate: it is what product and seller pages show. */
  findPublic(kind: RatingKind, id: string): Promise<RatingDocument | null> {
    return this.collections[kind].findOne({ _id: id }, { projection: DocumentOutbox.withoutEvents });
  }

  async findManyPublic(kind: RatingKind, ids: readonly string[]): Promise<RatingDocument[]> {
    return this.collections[kind]
      .find({ _id: { $in: [...ids] } }, { projection: DocumentOutbox.withoutEvents })
      .toArray();
  }

  /**
   * Stores the aggregate of the current tenant's product or seller `id` with `event(revision)` when it differs
   * from the stored one; one write at a time per aggregate.
   */
  async store(
    kind: RatingKind,
    id: string,
    summary: { count: number; sum: number; distribution: number[] },
    event: (revision: number) => OutgoingEvent,
  ): Promise<void> {
    await this.serializeWrite(`${kind}:${id}`, async () => {
      const current = await this.scoped[kind].findOne({ _id: id });
      if (current && sameSummary(current, summary)) return;
      const revision = (current?.revision ?? 0) + 1;
      const fields = { ...summary, revision, updatedAt: new Date() };
      if (!current) {
        try {
          await this.scoped[kind].insertOne({
            _id: id,
            ...fields,
            ...DocumentOutbox.initial(id, [event(revision)]),
          });
          return;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          throw new Error(`The ${kind} rating ${id} was created concurrently; applying again`, {
            cause: error,
          });
        }
      }
      const update = DocumentOutbox.stage({ $set: fields }, id, [event(revision)]);
      await this.scoped[kind].updateOne({ _id: id, revision: current.revision }, update as Document);
    });
  }
}

function sameSummary(
  current: RatingDocument,
  next: { count: number; sum: number; distribution: number[] },
): boolean {
  return (
    current.count === next.count &&
    current.sum === next.sum &&
    current.distribution.every((count, index) => count === next.distribution[index])
  );
}
