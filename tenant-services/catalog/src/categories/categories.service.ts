import { Inject, Injectable } from '@nestjs/common';
import type { Filter, UpdateFilter } from 'mongodb';
import { ulid } from 'ulid';
import type { z } from 'zod';
import { auditEvent } from '@marketplace/audit';
import { DocumentOutbox } from '@marketplace/events';
import { createWriteSerializer } from '@marketplace/service-kit';
import { ConflictError, NotFoundError, ValidationError } from '@marketplace/observability';
import type { CrossTenantCollection } from '@marketplace/tenancy';
import { CatalogDatabase } from '../database/catalog-database';
import type { ProductDocument } from '../products/product.document';
import { productChangedEvent } from '../products/product.events';
import { crossTenantProducts } from '../products/products.repository';
import { isDuplicateKey } from '../shared/errors';
import { slugify } from '../shared/text-tokens';
import type { CategoryDocument } from './category.document';
import type { createCategorySchema } from './category.model';

const LIVE: Filter<CategoryDocument> = { deletedAt: null };
/** Products re-filed per batch when a move changes their category path. */
const REFILE_BATCH = 200;

/**
 * The platform-wide category tree: admins edit it, everyone reads it, products point into it (by id, with the
 * ancestor path copied for buyer search). Admin edits are audited in the category's own outbox; tree edits of one
 * replica run one at a time, so a move checks for cycles against a tree no other edit of it is changing.
 */
@Injectable()
export class CategoriesService {
  private readonly products: CrossTenantCollection<ProductDocument>;
  private readonly serializeTreeEdits = createWriteSerializer();

  constructor(@Inject(CatalogDatabase) private readonly database: CatalogDatabase) {
    this.products = crossTenantProducts(database);
  }

  async list(): Promise<CategoryDocument[]> {
    return this.database.categories
      .find(LIVE, { projection: DocumentOutbox.withoutEvents })
      .sort({ name: 1 })
      .toArray();
  }

  async byIds(ids: readonly string[]): Promise<Map<string, CategoryDocument>> {
    if (ids.length === 0) return new Map();
    const found = await this.database.categories.find({ _id: { $in: [...ids] }, ...LIVE }).toArray();
    return new Map(found.map((category) => [category._id, category]));
  }

  /** The path a product in `categoryId` is filed under: ancestors then the category; 400 if it does not exist. */
  async pathOf(categoryId: string): Promise<string[]> {
    const category = await this.database.categories.findOne({ _id: categoryId, ...LIVE });
    if (!category) throw new ValidationError(`categoryId: unknown category ${categoryId}`);
    return [...category.path, category._id];
  }

  /** Creates a category; `audit` stages the admin's audit record with it (the seed creates unaudited). */
  async create(
    input: z.output<typeof createCategorySchema>,
    options: { id?: string; audit?: { reason: string | null } } = {},
  ): Promise<CategoryDocument> {
    return this.serializeTreeEdits(async () => {
      const id = options.id ?? ulid();
      const parent = input.parentId
        ? await this.database.categories.findOne({ _id: input.parentId, ...LIVE })
        : null;
      if (input.parentId && !parent)
        throw new ValidationError(`parentId: unknown category ${input.parentId}`);
      const now = new Date();
      const fields = {
        name: input.name,
        slug: input.slug ?? slugify(input.name),
        parentId: parent?._id ?? null,
        path: parent ? [...parent.path, parent._id] : [],
      };
      const audit = options.audit
        ? [
            this.audit(
              'category.create',
              id,
              null,
              { ...fields, parentName: parent?.name ?? null },
              options.audit.reason,
            ),
          ]
        : [];
      const category: CategoryDocument = {
        _id: id,
        ...fields,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        ...DocumentOutbox.initial(id, audit),
      };
      try {
        await this.database.serializeProductWrites(id, () => this.database.categories.insertOne(category));
        if (audit.length > 0) this.database.categoriesWritten();
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`Category slug '${category.slug}' is taken`);
        throw error;
      }
      return category;
    });
  }

  /** A new name; the slug (in storefront URLs) stays unless a new one is given. */
  async rename(
    id: string,
    name: string,
    slug: string | null,
    reason: string | null,
  ): Promise<CategoryDocument> {
    return this.serializeTreeEdits(async () => {
      const current = await this.live(id);
      const next = { name, slug: slug ?? current.slug };
      if (next.name === current.name && next.slug === current.slug) return current;
      const audit = this.audit(
        'category.rename',
        id,
        { name: current.name, slug: current.slug },
        next,
        reason,
      );
      try {
        await this.write(id, { $set: { ...next, updatedAt: new Date() } }, audit);
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`Category slug '${next.slug}' is taken`);
        throw error;
      }
      return this.live(id);
    });
  }

  /**
   * Files the category (with its subtree and the products in it) under `parentId`, or at the root. Refused under
   * itself or its own subcategories. Without multi-document transactions the subtree and products follow the
   * category one write at a time; moving it again to the same parent finishes an interrupted move.
   */
  async move(id: string, parentId: string | null, reason: string | null): Promise<CategoryDocument> {
    return this.serializeTreeEdits(async () => {
      const current = await this.live(id);
      const parent = parentId ? await this.live(parentId, 'parentId') : null;
      if (parent && (parent._id === id || parent.path.includes(id)))
        throw new ValidationError(
          `parentId: '${current.name}' cannot move under itself or one of its own subcategories`,
        );
      const path = parent ? [...parent.path, parent._id] : [];
      if (current.parentId !== (parent?._id ?? null) || !sameIds(current.path, path)) {
        const audit = this.audit(
          'category.move',
          id,
          { parentId: current.parentId, path: current.path },
          { parentId: parent?._id ?? null, path, parentName: parent?.name ?? null },
          reason,
        );
        await this.write(id, { $set: { parentId: parent?._id ?? null, path, updatedAt: new Date() } }, audit);
      }
      await this.refileSubtree(id, path);
      return this.live(id);
    });
  }

  /** Deletes a category no product and no subcategory uses; says how many do otherwise. */
  async delete(id: string, reason: string | null): Promise<CategoryDocument> {
    return this.serializeTreeEdits(async () => {
      const current = await this.live(id);
      const products = await this.products.countDocuments({ categoryPath: id, deletedAt: null });
      if (products > 0)
        throw new ConflictError(
          `'${current.name}' is used by ${products} product${products === 1 ? '' : 's'}; ` +
            'file them under another category first',
        );
      const children = await this.database.categories.countDocuments({ parentId: id, ...LIVE });
      if (children > 0)
        throw new ConflictError(
          `'${current.name}' has ${children} subcategor${children === 1 ? 'y' : 'ies'}; ` +
            'move or delete them first',
        );
      const audit = this.audit(
        'category.delete',
        id,
        { name: current.name, slug: current.slug, parentId: current.parentId },
        null,
        reason,
      );
      const deletedAt = new Date();
      // The tombstone gives its slug back at once; the outbox relay removes it once the audit record is out.
      await this.write(
        id,
        { $set: { deletedAt, slug: `deleted-${id.toLowerCase()}`, updatedAt: deletedAt } },
        audit,
      );
      return { ...current, deletedAt };
    });
  }

  private async live(id: string, field = 'id'): Promise<CategoryDocument> {
    const category = await this.database.categories.findOne(
      { _id: id, ...LIVE },
      { projection: DocumentOutbox.withoutEvents },
    );
    if (!category) {
      if (field === 'id') throw new NotFoundError(`Category ${id} not found`);
      throw new ValidationError(`${field}: unknown category ${id}`);
    }
    return category;
  }

  private async write(
    id: string,
    update: { $set: Record<string, unknown> },
    audit: ReturnType<CategoriesService['audit']>,
  ): Promise<void> {
    const result = await this.database.serializeProductWrites(id, () =>
      this.database.categories.updateOne(
        { _id: id, ...LIVE },
        DocumentOutbox.stage(update, id, [audit]) as UpdateFilter<CategoryDocument>,
      ),
    );
    if (result.matchedCount !== 1) throw new NotFoundError(`Category ${id} not found`);
    this.database.categoriesWritten();
  }

  /** Rewrites the ancestor paths below `id` (now under `path`) and re-files its products, with their events. */
  private async refileSubtree(id: string, path: string[]): Promise<void> {
    const rebased = (old: string[]) => [...path, ...old.slice(old.indexOf(id))];
    const descendants = await this.database.categories.find({ path: id, ...LIVE }).toArray();
    for (const descendant of descendants) {
      const next = rebased(descendant.path);
      if (sameIds(next, descendant.path)) continue;
      await this.database.serializeProductWrites(descendant._id, () =>
        this.database.categories.updateOne({ _id: descendant._id }, { $set: { path: next } }),
      );
    }
    for (;;) {
      const stale = (
        await this.products.find(
          { categoryPath: id, deletedAt: null },
          { projection: DocumentOutbox.withoutEvents, sort: { _id: 1 } },
        )
      ).filter((product) => !sameIds(rebased(product.categoryPath), product.categoryPath));
      if (stale.length === 0) return;
      const batch = stale.slice(0, REFILE_BATCH);
      for (const product of batch) await this.refileProduct(product, rebased(product.categoryPath));
      await this.database.productsWritten({ ids: batch.map((product) => product._id) });
    }
  }

  private async refileProduct(product: ProductDocument, categoryPath: string[]): Promise<void> {
    const updatedAt = new Date();
    const next: ProductDocument = { ...product, categoryPath, updatedAt, rev: product.rev + 1 };
    // A seller's concurrent edit wins the revision check; the next pass of the loop re-reads and re-files it.
    await this.database.serializeProductWrites(product._id, () =>
      this.products.updateMany(
        { _id: product._id, rev: product.rev },
        DocumentOutbox.stage({ $set: { categoryPath, updatedAt }, $inc: { rev: 1 } }, product._id, [
          productChangedEvent('updated', next),
        ]) as UpdateFilter<ProductDocument>,
        { tenantId: product.tenantId },
      ),
    );
  }

  private audit(
    action: string,
    id: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
    reason: string | null = null,
  ) {
    return auditEvent({
      service: 'catalog',
      action,
      tenantId: null,
      targetType: 'category',
      targetId: id,
      before,
      after,
      reason,
    });
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
