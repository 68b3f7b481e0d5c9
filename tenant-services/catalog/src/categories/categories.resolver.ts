import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, Roles, type Principal } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { CategoriesService } from './categories.service';
import { CategoryModel, CreateCategoryInput, createCategorySchema, toCategoryModel } from './category.model';

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
  @Mutation(() => CategoryModel)
  async createCategory(
    @Args('input') input: CreateCategoryInput,
    @CurrentPrincipal() admin: Principal,
  ): Promise<CategoryModel> {
    const category = await this.service.create(createCategorySchema.parse(input));
    this.logger.info({ audit: true, adminId: admin.userId, categoryId: category._id }, 'category created');
    return toCategoryModel(category);
  }
}
