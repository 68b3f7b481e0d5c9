import type { RatingSummaryPayload } from '@marketplace/contracts';
import type { ProductDocument } from '../products/product.document';
import { productChangedEvent } from '../products/product.events';
import type { ProductsRepository } from '../products/products.repository';

/** A product's rating as the reviews service last reported it. */
export type ProductRating = Pick<RatingSummaryPayload, 'count' | 'average' | 'revision'> & {
  productId: string;
};

/** A rating races a seller's edit of the product only rarely; it is read and applied again this often. */
const WRITE_ATTEMPTS = 3;

/**
 * Copies the reviews service's product aggregates (average and count of published reviews) onto the products,
 * so the search index sorts by rating and filters by a minimum rating. A report older than the one applied
 * (its `revision`) changes nothing, so redelivered and reordered events are harmless. The write stages a
 * `product.updated` event: every replica's search index follows it.
 */
export class ReviewRatingsService {
  constructor(private readonly products: ProductsRepository) {}

  /** Runs in the tenant context of the event: the seller of the product. */
  async apply(rating: ProductRating): Promise<void> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.products.findLive(rating.productId);
      if (!current || (current.ratingRevision ?? 0) >= rating.revision) return;
      const set: Pick<ProductDocument, 'ratingAvg' | 'ratingCount' | 'ratingRevision'> = {
        ratingAvg: rating.average ?? 0,
        ratingCount: rating.count,
        ratingRevision: rating.revision,
      };
      const events = (stored: ProductDocument) => [productChangedEvent('updated', stored)];
      if (await this.products.updateAtRevision(current, set, events)) return;
    }
    throw new Error(`Product ${rating.productId} kept changing while its rating was applied`);
  }
}
