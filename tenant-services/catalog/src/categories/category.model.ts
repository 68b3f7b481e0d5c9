import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { safeText } from '@marketplace/contracts';
import { z } from 'zod';
import type { CategoryDocument } from './category.document';

@ObjectType('Category', { description: 'A node of the platform-wide category tree.' })
export class CategoryModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => [ID], { description: 'Ancestor ids from the root down.' }) path!: string[];
}

@InputType()
export class CreateCategoryInput {
  @Field() name!: string;
  @Field({ nullable: true, description: 'Defaults to the slug of the name.' }) slug?: string;
  @Field(() => ID, { nullable: true }) parentId?: string;
}

@InputType()
export class RenameCategoryInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'A new slug; the current one stays when omitted.' })
  slug?: string | null;
}

const name = safeText().trim().min(1, 'must not be empty').max(100);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes')
  .max(100)
  .nullish();
export const categoryIdSchema = z.string().min(1, 'must be a category id').max(64);

export const createCategorySchema = z.object({ name, slug, parentId: categoryIdSchema.nullish() });
export const renameCategorySchema = z.object({ id: categoryIdSchema, name, slug });

export function toCategoryModel(category: CategoryDocument): CategoryModel {
  return {
    id: category._id,
    name: category.name,
    slug: category.slug,
    parentId: category.parentId,
    path: category.path,
  };
}
