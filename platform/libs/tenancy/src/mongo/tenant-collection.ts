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

export function scopeFilter<T extends Document>(filter: Filter<T> | undefined, tenantId: string): Filter<T> {
  const tenantOnly = { [TENANT_FIELD]: tenantId } as unknown as Filter<T>;
  // $and (rather than overwriting a caller's tenantId key) makes a filter for another tenant match nothing.
  return filter && Object.keys(filter).length > 0
    ? ({ $and: [tenantOnly, filter] } as Filter<T>)
    : tenantOnly;
}

/**
 * A MongoDB collection of tenant-owned documents in which every read and write is limited to the tenant of
 * the current request context. Results are returned as arrays: driver cursors allow replacing the filter.
 */
export class TenantCollection<T extends TenantDocument> {
  readonly #collection: Collection<T>;

  constructor(collection: Collection<T>) {
    this.#collection = collection;
  }

  get collectionName(): string {
    return this.#collection.collectionName;
  }

  async find(filter?: Filter<T>, options?: FindOptions): Promise<WithId<T>[]> {
    return this.#collection.find(scopeFilter(filter, requireTenantId()), options).toArray();
  }

  async findOne(filter?: Filter<T>, options?: FindOptions): Promise<WithId<T> | null> {
    return this.#collection.findOne(scopeFilter(filter, requireTenantId()), options ?? {});
  }

  async insertOne(doc: NewTenantDocument<T>, options?: InsertOneOptions): Promise<InsertOneResult<T>> {
    return this.#collection.insertOne(withTenant(doc, requireTenantId()), options);
  }

  async insertMany(
    docs: readonly NewTenantDocument<T>[],
    options?: BulkWriteOptions,
  ): Promise<InsertManyResult<T>> {
    const tenantId = requireTenantId();
    return this.#collection.insertMany(
      docs.map((doc) => withTenant(doc, tenantId)),
      options,
    );
  }

  async updateOne(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: TenantUpdateOptions,
  ): Promise<UpdateResult<T>> {
    assertNoUpsert(options);
    assertUpdateKeepsTenant(update as UpdateFilter<Document>);
    return this.#collection.updateOne(scopeFilter(filter, requireTenantId()), update, options);
  }

  async updateMany(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options?: TenantUpdateOptions,
  ): Promise<UpdateResult<T>> {
    assertNoUpsert(options);
    assertUpdateKeepsTenant(update as UpdateFilter<Document>);
    return this.#collection.updateMany(scopeFilter(filter, requireTenantId()), update, options);
  }

  async deleteOne(filter: Filter<T>, options?: DeleteOptions): Promise<DeleteResult> {
    return this.#collection.deleteOne(scopeFilter(filter, requireTenantId()), options);
  }

  async deleteMany(filter: Filter<T>, options?: DeleteOptions): Promise<DeleteResult> {
    return this.#collection.deleteMany(scopeFilter(filter, requireTenantId()), options);
  }

  async countDocuments(filter?: Filter<T>, options?: CountDocumentsOptions): Promise<number> {
    return this.#collection.countDocuments(scopeFilter(filter, requireTenantId()), options);
  }

  /** The pipeline runs after a leading `$match: {tenantId}`; stages reaching other collections are refused. */
  async aggregate<R extends Document = Document>(
    pipeline: readonly Document[],
    options?: AggregateOptions,
  ): Promise<R[]> {
    assertPipelineStaysInTenant(pipeline);
    const match = { $match: { [TENANT_FIELD]: requireTenantId() } };
    return this.#collection.aggregate<R>([match, ...pipeline], options).toArray();
  }
}

function withTenant<T extends TenantDocument>(
  doc: NewTenantDocument<T>,
  tenantId: string,
): OptionalUnlessRequiredId<T> {
  if (doc.tenantId !== undefined && doc.tenantId !== tenantId) {
    throw new TenantMismatchError('tenantId differs from the tenant of the request context');
  }
  return { ...doc, tenantId } as unknown as OptionalUnlessRequiredId<T>;
}
