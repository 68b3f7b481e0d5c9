import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { optionalReason } from '@marketplace/audit';
import { CurrentPrincipal, Public, Roles, type Principal } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { acrossTenants } from '@marketplace/tenancy';
import { CategoriesService } from './categories.service';
import {
  categoryIdSchema,
  CategoryModel,
  CreateCategoryInput,
  createCategorySchema,
  RenameCategoryInput,
  renameCategorySchema,
  toCategoryModel,
} from './category.model';

/**
 * Everyone reads the tree; platform admins edit it. Each edit is audited with its optional reason (ADR 0037). Moves
 * and deletions look at every seller's products (re-filing or counting them), inside named cross-tenant scopes.
 */
@Resolver(() => CategoryModel)
export class CategoriesResolver {
  constructor(
    @Inject(CategoriesService) private readonly service: CategoriesService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Public()
  @Query(() => [CategoryModel], { description: 'The whole category tree, flat; rebuild it with parentId.' })
  async categories(): Promise<CategoryModel[]> {
    return (await this.service.list()).map(toCategoryModel);
  }

  @Roles('platform-admin')
  @Mutation(() => CategoryModel, { description: 'Platform admin: a new category (audited).' })
  async createCategory(
    @Args('input') input: CreateCategoryInput,
    @CurrentPrincipal() admin: Principal,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CategoryModel> {
    const parsed = createCategorySchema.parse(input);
    const category = await this.service.create(parsed, { audit: { reason: optionalReason.parse(reason) } });
    this.log(admin, 'category created', category._id);
    return toCategoryModel(category);
  }

  @Roles('platform-admin')
  @Mutation(() => CategoryModel, {
    description: 'Platform admin: a new name (and optionally slug); products keep their category (audited).',
  })
  async renameCategory(
    @Args('input') input: RenameCategoryInput,
    @CurrentPrincipal() admin: Principal,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CategoryModel> {
    const parsed = renameCategorySchema.parse(input);
    const category = await this.service.rename(
      parsed.id,
      parsed.name,
      parsed.slug ?? null,
      optionalReason.parse(reason),
    );
    this.log(admin, 'category renamed', category._id);
    return toCategoryModel(category);
  }

  @Roles('platform-admin')
  @Mutation(() => CategoryModel, {
    description:
      'Platform admin: files the category, its subcategories and their products under another parent (null: the root); never under itself (audited).',
  })
  async moveCategory(
    @Args('id', { type: () => ID }) id: string,
    @Args('parentId', { type: () => ID, nullable: true }) parentId: string | null,
    @CurrentPrincipal() admin: Principal,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CategoryModel> {
    const categoryId = categoryIdSchema.parse(id);
    const parent = parentId === null || parentId === undefined ? null : categoryIdSchema.parse(parentId);
    const why = optionalReason.parse(reason);
    const category = await acrossTenants('catalog.admin-move-category', () =>
      this.service.move(categoryId, parent, why),
    );
    this.log(admin, 'category moved', category._id);
    return toCategoryModel(category);
  }

  @Roles('platform-admin')
  @Mutation(() => CategoryModel, {
    description:
      'Platform admin: deletes a category no product and no subcategory uses; refused with the count otherwise (audited).',
  })
  async deleteCategory(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() admin: Principal,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CategoryModel> {
    const categoryId = categoryIdSchema.parse(id);
    const why = optionalReason.parse(reason);
    const category = await acrossTenants('catalog.admin-delete-category', () =>
      this.service.delete(categoryId, why),
    );
    this.log(admin, 'category deleted', category._id);
    return toCategoryModel(category);
  }

  private log(admin: Principal, message: string, categoryId: string): void {
    this.logger.info({ audit: true, adminId: admin.userId, categoryId }, message);
  }
}
