import type {
  AggregateOptions,
  BulkWriteOptions,
  Collection,
  CountDocumentsOptions,
  DeleteOptions,
  DeleteResult,
  Document,
  Filter,
  FindOptions,
  InsertManyResult,
  InsertOneOptions,
  InsertOneResult,
  OptionalUnlessRequiredId,
  UpdateFilter,
  UpdateOptions,
  UpdateResult,
  WithId,
} from 'mongodb';
import { TenantMismatchError } from '../errors';
import { updateByIdWhere, type FilterSupport, type UpdateGuard } from './guarded-update';
import { requireTenantId } from '../request-context';
import {
  assertNoUpsert,
  assertPipelineStaysInTenant,
  assertUpdateKeepsTenant,
  TENANT_FIELD,
} from './scope-guards';

/** A tenant-owned document: carries the owning tenant's id. */
export interface TenantDocument extends Document {
  tenantId: string;
}

/** What callers insert: `tenantId` comes from the request context and may only be repeated, never changed. */
export type NewTenantDocument<T extends TenantDocument> = Omit<OptionalUnlessRequiredId<T>, 'tenantId'> & {
  tenantId?: string;
};

export type TenantUpdateOptions = Omit<UpdateOptions, 'upsert'>;

export function scopeFilter<T extends Document>(
  filter: Filter<T> | undefined,
  ownerId: string,
  field: string = TENANT_FIELD,
): Filter<T> {
  const ownerOnly = { [field]: ownerId } as unknown as Filter<T>;
  // $and (rather than overwriting a caller's owner key) makes a filter for another owner match nothing.
  return filter && Object.keys(filter).length > 0 ? ({ $and: [ownerOnly, filter] } as Filter<T>) : ownerOnly;
}

/** Which field names the owner of a document and how the owner of the current unit of work is found. */
export interface DocumentOwner {
  field: string;
  current: () => string;
  mismatch: () => Error;
}

const TENANT_OWNER: DocumentOwner = {
  field: TENANT_FIELD,
  current: requireTenantId,
  mismatch: () => new TenantMismatchError('tenantId differs from the tenant of the request context'),
};

/**
 * The one scoping choke point for MongoDB, shared by tenant- and buyer-owned documents: every read and write is
 * limited to the owner of the current request context, inserts get the owner, and no update may change it.
 * Results are returned as arrays: driver cursors allow replacing the filter.
 */
export class OwnerScopedCollection<T extends Document, N> {
  readonly #collection: Collection<T>;
  readonly #owner: DocumentOwner;
  readonly #filterSupport: FilterSupport;

  constructor(collection: Collection<T>, owner: DocumentOwner, filterSupport: FilterSupport = 'planned') {
    this.#collection = collection;
    this.#owner = owner;
    this.#filterSupport = filterSupport;
  }

  #scope(filter: Filter<T> | undefined): Filter<T> {
    return scopeFilter(filter, this.#owner.current(), this.#owner.field);
  }

  #owned(doc: N, ownerId: string): OptionalUnlessRequiredId<T> {
    const requested = (doc as Record<string, unknown>)[this.#owner.field];
    if (requested !== undefined && requested !== ownerId) throw this.#owner.mismatch();
    return { ...doc, [this.#owner.field]: ownerId } as unknown as OptionalUnlessRequiredId<T>;
  }

  get collectionName(): string {
    return this.#collection.collectionName;
  }

  async find(filter?: Filter<T>, options?: FindOptions): Promise<WithId<T>[]> {
    return this.#collection.find(this.#scope(filter), options).toArray();
  }

  async findOne(filter?: Filter<T>, options?: FindOptions): Promise<WithId<T> | null> {
    return this.#collection.findOne(this.#scope(filter), options ?? {});
  }

  /**
   * The document with this `_id` if the current owner owns it, else null: looked up by the primary key alone and
   * the owner checked on the document. Same answer as `findOne({ _id })`, but a filter of nothing but `_id` is the
   * one a MongoDB-wire store without query planning (FerretDB 1.x on SQLite) answers from its key instead of
   * decoding every document of the collection. A projection must keep the owner field.
   */
  async findById(id: unknown, options?: FindOptions): Promise<WithId<T> | null> {
    const ownerId = this.#owner.current();
    const doc = await this.#collection.findOne({ _id: id } as Filter<T>, options ?? {});
    return doc && (doc as Record<string, unknown>)[this.#owner.field] === ownerId ? doc : null;
  }

  async insertOne(doc: N, options?: InsertOneOptions): Promise<InsertOneResult<T>> {
    return this.#collection.insertOne(this.#owned(doc, this.#owner.current()), options);
  }

  async insertMany(docs: readonly N[], options?: BulkWriteOptions): Promise<InsertManyResult<T>> {
    const ownerId = this.#owner.current();
    return this.#collection.insertMany(
      docs.map((doc) => this.#owned(doc, ownerId)),
      options,
    );
  }

  async updateOne(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: TenantUpdateOptions,
  ): Promise<UpdateResult<T>> {
    assertNoUpsert(options);
    assertUpdateKeepsTenant(update as UpdateFilter<Document>, this.#owner.field);
    return this.#collection.updateOne(this.#scope(filter), update, options);
  }

  /**
   * `updateOne({ _id: id, ...guard }, update)` on the current owner's document (the owner is part of the guard):
   * true when it met the guard and was updated. Answered by key on a store that answers nothing else by key
   * (`updateByIdWhere`); callers serialize their writes per document, as they must on such a store anyway.
   */
  async updateByIdWhere(id: unknown, guard: UpdateGuard, update: UpdateFilter<T>): Promise<boolean> {
    assertUpdateKeepsTenant(update as UpdateFilter<Document>, this.#owner.field);
    const owned = { ...guard, [this.#owner.field]: this.#owner.current() };
    return updateByIdWhere(this.#collection, id, owned, update, this.#filterSupport);
  }

  async updateMany(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: TenantUpdateOptions,
  ): Promise<UpdateResult<T>> {
    assertNoUpsert(options);
    assertUpdateKeepsTenant(update as UpdateFilter<Document>, this.#owner.field);
    return this.#collection.updateMany(this.#scope(filter), update, options);
  }

  async deleteOne(filter: Filter<T>, options?: DeleteOptions): Promise<DeleteResult> {
    return this.#collection.deleteOne(this.#scope(filter), options);
  }

  async deleteMany(filter: Filter<T>, options?: DeleteOptions): Promise<DeleteResult> {
    return this.#collection.deleteMany(this.#scope(filter), options);
  }

  async countDocuments(filter?: Filter<T>, options?: CountDocumentsOptions): Promise<number> {
    return this.#collection.countDocuments(this.#scope(filter), options);
  }

  /** The pipeline runs after a leading `$match` on the owner; stages reaching other collections are refused. */
  async aggregate<R extends Document = Document>(
    pipeline: readonly Document[],
    options?: AggregateOptions,
  ): Promise<R[]> {
    assertPipelineStaysInTenant(pipeline);
    const match = { $match: { [this.#owner.field]: this.#owner.current() } };
    return this.#collection.aggregate<R>([match, ...pipeline], options).toArray();
  }
}

/** Tenant-owned documents, scoped to the tenant of the current request context. */
export class TenantCollection<T extends TenantDocument> extends OwnerScopedCollection<
  T,
  NewTenantDocument<T>
> {
  constructor(collection: Collection<T>, filterSupport?: FilterSupport) {
    super(collection, TENANT_OWNER, filterSupport);
  }
}
