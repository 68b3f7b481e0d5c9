import type {
  Collection,
  CountDocumentsOptions,
  DeleteOptions,
  DeleteResult,
  Document,
  Filter,
  FindOptions,
  UpdateFilter,
  UpdateResult,
  WithId,
} from 'mongodb';
import { requireAcrossTenants } from '../scope';
import { assertNoUpsert, assertUpdateKeepsTenant } from './scope-guards';
import { scopeFilter, type TenantDocument, type TenantUpdateOptions } from './tenant-collection';

export interface CrossTenantScope {
  /** Narrows the operation to one tenant. */
  tenantId?: string;
}

/**
 * Platform-admin access to a tenant collection across tenants. Every call must run
 * inside a named `acrossTenants` operation. No inserts: documents are created by a tenant.
 */
export class CrossTenantCollection<T extends TenantDocument> {
  readonly #collection: Collection<T>;

  constructor(collection: Collection<T>) {
    this.#collection = collection;
  }

  async find(filter: Filter<T> = {}, options: FindOptions & CrossTenantScope = {}): Promise<WithId<T>[]> {
    const { tenantId, ...findOptions } = options;
    return this.#collection.find(narrow(filter, tenantId), findOptions).toArray();
  }

  async countDocuments(
    filter: Filter<T> = {},
    options: CountDocumentsOptions & CrossTenantScope = {},
  ): Promise<number> {
    const { tenantId, ...countOptions } = options;
    return this.#collection.countDocuments(narrow(filter, tenantId), countOptions);
  }

  async updateMany(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: TenantUpdateOptions & CrossTenantScope = {},
  ): Promise<UpdateResult<T>> {
    const { tenantId, ...updateOptions } = options;
    assertNoUpsert(updateOptions);
    assertUpdateKeepsTenant(update as UpdateFilter<Document>);
    return this.#collection.updateMany(narrow(filter, tenantId), update, updateOptions);
  }

  async deleteMany(filter: Filter<T>, options: DeleteOptions & CrossTenantScope = {}): Promise<DeleteResult> {
    const { tenantId, ...deleteOptions } = options;
    return this.#collection.deleteMany(narrow(filter, tenantId), deleteOptions);
  }
}

function narrow<T extends TenantDocument>(filter: Filter<T>, tenantId: string | undefined): Filter<T> {
  requireAcrossTenants();
  return tenantId === undefined ? filter : scopeFilter(filter, tenantId);
}
