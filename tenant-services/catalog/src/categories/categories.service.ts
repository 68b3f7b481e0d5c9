import { Inject, Injectable } from '@nestjs/common';
import { ulid } from 'ulid';
import type { z } from 'zod';
import { CatalogDatabase } from '../database/catalog-database';
import { ConflictError, ValidationError } from '@marketplace/observability';
import { isDuplicateKey } from '../shared/errors';
import { slugify } from '../shared/text-tokens';
import type { CategoryDocument } from './category.document';
import type { createCategorySchema } from './category.model';

/** The platform-wide category tree: admins add nodes, everyone reads it, products point into it. */
@Injectable()
export class CategoriesService {
  constructor(@Inject(CatalogDatabase) private readonly database: CatalogDatabase) {}

  async list(): Promise<CategoryDocument[]> {
    return this.database.categories.find({}).sort({ name: 1 }).toArray();
  }

  async byIds(ids: readonly string[]): Promise<Map<string, CategoryDocument>> {
    if (ids.length === 0) return new Map();
    const found = await this.database.categories.find({ _id: { $in: [...ids] } }).toArray();
    return new Map(found.map((category) => [category._id, category]));
  }

  /** The path a product in `categoryId` is filed under: ancestors then the category; 400 if it does not exist. */
  async pathOf(categoryId: string): Promise<string[]> {
    const category = await this.database.categories.findOne({ _id: categoryId });
    if (!category) throw new ValidationError(`categoryId: unknown category ${categoryId}`);
    return [...category.path, category._id];
  }

  async create(input: z.output<typeof createCategorySchema>, id: string = ulid()): Promise<CategoryDocument> {
    const parent = input.parentId ? await this.database.categories.findOne({ _id: input.parentId }) : null;
    if (input.parentId && !parent) throw new ValidationError(`parentId: unknown category ${input.parentId}`);
    const category: CategoryDocument = {
      _id: id,
      name: input.name,
      slug: input.slug ?? slugify(input.name),
      parentId: parent?._id ?? null,
      path: parent ? [...parent.path, parent._id] : [],
      createdAt: new Date(),
    };
    try {
      await this.database.categories.insertOne(category);
    } catch (error) {
      if (isDuplicateKey(error)) throw new ConflictError(`Category slug '${category.slug}' is taken`);
      throw error;
    }
    return category;
  }
}
