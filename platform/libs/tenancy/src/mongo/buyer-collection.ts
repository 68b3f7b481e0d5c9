import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { requireBuyerId } from '../buyer';
import { BuyerMismatchError } from '../errors';
import { OwnerScopedCollection } from './tenant-collection';

/** A buyer-owned document: carries the owning buyer's user id. */
export interface BuyerDocument extends Document {
  buyerId: string;
}

/** What callers insert: `buyerId` comes from the request context and may only be repeated, never changed. */
export type NewBuyerDocument<T extends BuyerDocument> = Omit<OptionalUnlessRequiredId<T>, 'buyerId'> & {
  buyerId?: string;
};

/**
 * A MongoDB collection of buyer-owned documents (review photos, ...) in which every read and write is limited to
 * the buyer of the current request context, the way `TenantCollection` scopes tenant documents.
 */
export class BuyerCollection<T extends BuyerDocument> extends OwnerScopedCollection<T, NewBuyerDocument<T>> {
  constructor(collection: Collection<T>) {
    super(collection, {
      field: 'buyerId',
      current: requireBuyerId,
      mismatch: () => new BuyerMismatchError(),
    });
  }
}
