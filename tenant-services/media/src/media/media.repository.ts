import {
  BuyerCollection,
  type OwnerScopedCollection,
  requireBuyerId,
  requireTenantId,
  TenantCollection,
} from '@marketplace/tenancy';
import { DocumentOutbox, type DocumentWriteSerializer, type OutboxUpdate } from '@marketplace/events';
import type { Collection, Db, Document, Filter, FindOptions } from 'mongodb';
import type { MediaOwnerRef } from '../storage/object-keys';
import type { BuyerMediaDocument, MediaDocument, MediaStatus, TenantMediaDocument } from './media.document';

export const TENANT_MEDIA_COLLECTION = 'tenant_media';
export const BUYER_MEDIA_COLLECTION = 'buyer_media';

/** Reads never return the outbox: it is relay plumbing, not media data. */
const WITHOUT_OUTBOX: FindOptions = { projection: DocumentOutbox.withoutEvents };

/** A guarded change of one media document; the service stages its events into it (DocumentOutbox). */
export interface StateChangeUpdate extends OutboxUpdate {
  $set: Record<string, unknown>;
  $unset?: Record<string, ''>;
}
/** Deleted media stay as tombstones (their events and audit trail) but are no longer the owner's. */
function visible<T extends Document>(extra: Document = {}): Filter<T> {
  return { ...extra, status: { $ne: 'deleted' } } as unknown as Filter<T>;
}

function newerThan<T extends Document>(beforeId: string | undefined): Filter<T> {
  return visible<T>(beforeId ? { _id: { $lt: beforeId } } : {});
}

export type NewMedia = Omit<TenantMediaDocument, 'tenantId'>;

/** The media of one owner (a tenant or a buyer), who is always taken from the request context. */
export interface MediaStore {
  readonly scope: 'tenant' | 'buyer';
  owner(): MediaOwnerRef;
  insert(doc: NewMedia): Promise<void>;
  /** Any status but deleted. */
  findById(id: string): Promise<MediaDocument | null>;
  findReadyByFilename(filename: string): Promise<MediaDocument | null>;
  /** Newest first, ids below `beforeId` when given. */
  list(limit: number, beforeId?: string): Promise<MediaDocument[]>;
  /**
   * Applies the update only while the media still has status `from`; false when it no longer has. Runs under
   * the per-document write serializer the outbox relay shares: FerretDB 1.24 does not isolate overlapping
   * updates of one document (ADR 0006), so unserialized the status guard would let two transitions both win.
   */
  transition(id: string, from: MediaStatus, update: StateChangeUpdate): Promise<boolean>;
  /** Bytes the owner's pending and ready media take (pending ones with their declared size). */
  usedBytes(): Promise<number>;
  /** Which of `ids` are the owner's pending or ready media. */
  usableIds(ids: readonly string[]): Promise<string[]>;
}

/** The media of one kind of owner, every access scoped by the owner's collection wrapper (libs/tenancy). */
class ScopedMediaStore implements MediaStore {
  constructor(
    readonly scope: 'tenant' | 'buyer',
    private readonly collection: OwnerScopedCollection<MediaDocument, NewMedia>,
    private readonly ownerRef: () => MediaOwnerRef,
    private readonly serializeWrite: DocumentWriteSerializer,
  ) {}

  owner(): MediaOwnerRef {
    return this.ownerRef();
  }

  async insert(doc: NewMedia): Promise<void> {
    await this.collection.insertOne(doc);
  }

  findById(id: string): Promise<MediaDocument | null> {
    return this.collection.findOne(visible({ _id: id }), WITHOUT_OUTBOX);
  }

  findReadyByFilename(filename: string): Promise<MediaDocument | null> {
    return this.collection.findOne({ filename, status: 'ready' }, WITHOUT_OUTBOX);
  }

  list(limit: number, beforeId?: string): Promise<MediaDocument[]> {
    return this.collection.find(newerThan(beforeId), { ...WITHOUT_OUTBOX, sort: { _id: -1 }, limit });
  }

  async usedBytes(): Promise<number> {
    const [total] = await this.collection.aggregate<{ bytes: number }>([
      { $match: { status: { $in: ['pending', 'ready'] } } },
      { $group: { _id: null, bytes: { $sum: '$declaredSizeBytes' } } },
    ]);
    return total?.bytes ?? 0;
  }

  async usableIds(ids: readonly string[]): Promise<string[]> {
    const found = await this.collection.find(
      { _id: { $in: [...ids] }, status: { $in: ['pending', 'ready'] } } as unknown as Filter<MediaDocument>,
      { projection: { _id: 1 } },
    );
    return found.map((doc) => doc._id);
  }

  async transition(id: string, from: MediaStatus, update: StateChangeUpdate): Promise<boolean> {
    const result = await this.serializeWrite(id, () =>
      this.collection.updateOne({ _id: id, status: from }, update as Document),
    );
    return result.matchedCount === 1;
  }
}

/** Product images: tenant-owned, scoped by TenantCollection to the context's tenant. */
export class TenantMediaStore extends ScopedMediaStore {
  constructor(raw: Collection<TenantMediaDocument>, serializeWrite: DocumentWriteSerializer) {
    const collection = new TenantCollection(raw) as unknown as OwnerScopedCollection<MediaDocument, NewMedia>;
    super('tenant', collection, () => ({ kind: 'tenant', tenantId: requireTenantId() }), serializeWrite);
  }
}

/** Review photos: owned by a buyer (no tenant), scoped by BuyerCollection to the context's buyer. */
export class BuyerMediaStore extends ScopedMediaStore {
  constructor(raw: Collection<BuyerMediaDocument>, serializeWrite: DocumentWriteSerializer) {
    const collection = new BuyerCollection(raw) as unknown as OwnerScopedCollection<MediaDocument, NewMedia>;
    super('buyer', collection, () => ({ kind: 'buyer', buyerId: requireBuyerId() }), serializeWrite);
  }
}

/**
 * The one read that crosses owners: media that reached `ready` are public (product pages, reviews), like
 * published products. It can only see ready media and returns only what a storefront may show.
 */
export class PublicMediaReader {
  constructor(private readonly collections: readonly Collection<Document>[]) {}

  async findReady(id: string): Promise<MediaDocument | null> {
    for (const collection of this.collections) {
      const doc = await collection.findOne({ _id: id, status: 'ready' } as unknown as Filter<Document>, {
        projection: {
          _id: 1,
          purpose: 1,
          status: 1,
          contentType: 1,
          sizeBytes: 1,
          declaredSizeBytes: 1,
          width: 1,
          height: 1,
          variants: 1,
          createdAt: 1,
        },
      });
      if (doc) return doc as unknown as MediaDocument;
    }
    return null;
  }
}

export interface MediaCollections {
  tenant: Collection<TenantMediaDocument>;
  buyer: Collection<BuyerMediaDocument>;
}

export async function openMediaCollections(db: Db): Promise<MediaCollections> {
  const tenant = db.collection<TenantMediaDocument>(TENANT_MEDIA_COLLECTION);
  const buyer = db.collection<BuyerMediaDocument>(BUYER_MEDIA_COLLECTION);
  await Promise.all([
    tenant.createIndex({ tenantId: 1, _id: -1 }, { name: 'tenant_newest' }),
    tenant.createIndex({ pendingEventCount: 1 }, { name: 'outbox_pending' }),
    buyer.createIndex({ buyerId: 1, _id: -1 }, { name: 'buyer_newest' }),
    buyer.createIndex({ pendingEventCount: 1 }, { name: 'outbox_pending' }),
  ]);
  return { tenant, buyer };
}
