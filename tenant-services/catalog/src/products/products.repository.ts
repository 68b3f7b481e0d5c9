import { Inject, Injectable } from '@nestjs/common';
import { DocumentOutbox, type OutgoingEvent } from '@marketplace/events';
import type { Filter, UpdateFilter } from 'mongodb';
import { ulid } from 'ulid';
import { CatalogDatabase } from '../database/catalog-database';
import { ConflictError } from '@marketplace/observability';
import { CrossTenantCollection, requireTenantId } from '@marketplace/tenancy';
import { isDuplicateKey } from '../shared/errors';
import { PRODUCT_VIEW_FIELDS, type ProductDocument, type ProductView } from './product.document';

/**
 * Tenant-scoped product storage. Every state change and the events describing it are written in ONE
 * document update (the product's own outbox), which MongoDB applies atomically (ADR 0004); writes are
 * serialized per product within the process because FerretDB 1.x does not isolate them (ADRs 0006, 0054).
 */
/** Fields the seller's product list can be ordered by. */
export type SellerSortField = 'createdAt' | 'updatedAt' | 'title' | 'minPrice';

@Injectable()
export class ProductsRepository {
  constructor(@Inject(CatalogDatabase) private readonly database: CatalogDatabase) {}

  /**
   * A live (not deleted) product of the current tenant, or null: another tenant's id is simply not found. By
   * primary key, liveness checked on the document: on FerretDB a filter of more than `_id` decodes every product.
   */
  async findLive(id: string): Promise<ProductDocument | null> {
    const doc = await this.database.products.findById(id);
    return doc && !doc.deletedAt ? doc : null;
  }

  /** Live products of the current tenant matching `filter`, by `field` then id in one direction. */
  async list(
    filter: Filter<ProductDocument>,
    limit: number,
    order: { field: SellerSortField; direction: 1 | -1 } = { field: 'createdAt', direction: -1 },
  ): Promise<ProductDocument[]> {
    return this.database.products.find(
      { $and: [{ deletedAt: null }, filter] },
      { sort: { [order.field]: order.direction, _id: order.direction }, limit },
    );
  }

  async insert(doc: ProductDocument): Promise<void> {
    await this.insertMany([doc]);
  }

  /**
   * Stores new products with their tenant's status as recorded when they are written, not when they were drawn
   * up: a status pass that began in between waited only for the writes queued before it (ADR 0075).
   */
  async insertMany(docs: ProductDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await this.database.serializeProductWrites(
      docs.map((doc) => doc._id),
      async () => {
        // Every document is the current tenant's: the tenant collection stores them as its own.
        const tenantStatus = await this.database.recordedTenantStatus(requireTenantId());
        for (const doc of docs) doc.tenantStatus = tenantStatus;
        if (docs.length === 1) await this.database.products.insertOne(docs[0]!);
        else await this.database.products.insertMany(docs);
      },
    );
    await this.database.productsWritten({ docs });
  }

  /**
   * Applies `set` to the product as `current` read it and stages the events `eventsOf` describes the product
   * as stored with (its next revision: the events carry it, ADR 0050), if nobody wrote it since; false when a
   * concurrent write got there first (or the product is gone).
   */
  async updateAtRevision(
    current: ProductDocument,
    set: Partial<ProductDocument>,
    eventsOf: (stored: ProductDocument) => readonly OutgoingEvent[],
  ): Promise<boolean> {
    const updatedAt = new Date();
    const stored: ProductDocument = { ...current, ...set, updatedAt, rev: current.rev + 1 };
    const events = eventsOf(stored);
    // Dotted outbox paths are not keys of ProductDocument, which the driver's update type insists on.
    const update = DocumentOutbox.stage(
      { $set: { ...set, updatedAt }, $inc: { rev: 1 } },
      current._id,
      events,
    );
    // As stored, outbox included: the relay sends the new events from this copy at once (ADR 0059).
    const staged = DocumentOutbox.initial(current._id, events);
    stored.pendingEvents = { ...current.pendingEvents, ...staged.pendingEvents };
    stored.pendingEventCount = current.pendingEventCount + staged.pendingEventCount;
    const updated = await this.database.serializeProductWrites(current._id, () =>
      this.database.products.updateByIdWhere(
        current._id,
        { rev: current.rev, deletedAt: null },
        update as UpdateFilter<ProductDocument>,
      ),
    );
    if (!updated) return false;
    await this.database.productsWritten({ docs: [stored] });
    return true;
  }

  /** Reserves SKUs of the current tenant for a product; ConflictError (nothing reserved) if one is taken. */
  async reserveSkus(productId: string, skus: readonly string[]): Promise<void> {
    if (skus.length === 0) return;
    try {
      await this.database.skus.insertMany(
        skus.map((sku) => ({ _id: ulid(), sku, productId })),
        { ordered: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.database.skus.deleteMany({ productId, sku: { $in: [...skus] } });
      throw new ConflictError(
        `A SKU among ${skus.join(', ')} is already used by another product of this seller`,
      );
    }
  }

  async releaseSkus(productId: string, skus: readonly string[]): Promise<void> {
    if (skus.length > 0) await this.database.skus.deleteMany({ productId, sku: { $in: [...skus] } });
  }
}

/** Platform-admin access to every tenant's products (moderation); answers only inside `acrossTenants`. */
export function crossTenantProducts(database: CatalogDatabase): CrossTenantCollection<ProductDocument> {
  return new CrossTenantCollection(database.rawProducts);
}

const INDEXABLE = { status: 'published', moderation: { $ne: 'removed' }, deletedAt: null } as const;

const VIEW_PROJECTION: Record<string, 1> = Object.fromEntries(PRODUCT_VIEW_FIELDS.map((field) => [field, 1]));

/**
 * What the buyer search index reads (ADR 0008): one product of any tenant by id, to follow a change, and every
 * published, not removed product in bulk (and their number), to build the index. All are the public catalog,
 * not a tenant's view.
 */
export const indexedProducts = {
  one: (database: CatalogDatabase, id: string) => database.rawProducts.findOne({ _id: id }),
  published: (database: CatalogDatabase, batchSize: number) =>
    database.rawProducts.find(INDEXABLE, { projection: { pendingEvents: 0 }, batchSize }),
  countPublished: (database: CatalogDatabase) => database.rawProducts.countDocuments(INDEXABLE),
  /** One published, not removed product by id or slug, as buyers read it (its tenant's status aside). */
  visible: (database: CatalogDatabase, key: { _id: string } | { slug: string }) =>
    database.rawProducts.findOne<ProductView>({ ...key, ...INDEXABLE }, { projection: VIEW_PROJECTION }),
};
