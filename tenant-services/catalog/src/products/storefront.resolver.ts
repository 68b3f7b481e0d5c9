import { Inject } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@marketplace/auth';
import { z } from 'zod';
import { CategoriesService } from '../categories/categories.service';
import { CategoryModel, toCategoryModel } from '../categories/category.model';
import { ProductSearchService, type SearchPage } from './product-search.service';
import { idSchema, ProductSearchInput, ProductSort, searchArgsSchema } from './product.inputs';
import { toProductModel } from './product.mapper';
import { MediaRef, ProductModel, ProductSearchResultModel, SearchFacetsModel } from './product.model';

const slugSchema = z.string().min(1).max(120);

/** What the search query returns before counts and facets are resolved (only when asked for). */
type SearchResultSource = Omit<ProductSearchResultModel, 'totalCount' | 'facets'> & { page: SearchPage };

/** Public storefront reads: only published, not removed products of active tenants. */
@Resolver(() => ProductModel)
export class StorefrontResolver {
  constructor(
    @Inject(ProductSearchService) private readonly search: ProductSearchService,
    @Inject(CategoriesService) private readonly categories: CategoriesService,
  ) {}

  @Public()
  @Query(() => ProductSearchResultModel)
  async products(
    @Args('search', { type: () => ProductSearchInput, nullable: true }) search?: ProductSearchInput,
    @Args('sort', { type: () => ProductSort, nullable: true }) sort?: ProductSort,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<SearchResultSource> {
    const page = await this.search.search(searchArgsSchema.parse({ search, sort, first, after }));
    return { page, nodes: page.nodes.map(({ doc }) => toProductModel(doc)), pageInfo: page.pageInfo };
  }

  @Public()
  @Query(() => ProductModel, { nullable: true })
  async product(@Args('id', { type: () => ID }) id: string): Promise<ProductModel | null> {
    const doc = await this.search.byId(idSchema.parse(id));
    return doc ? toProductModel(doc) : null;
  }

  @Public()
  @Query(() => ProductModel, { nullable: true })
  async productBySlug(@Args('slug') slug: string): Promise<ProductModel | null> {
    const doc = await this.search.bySlug(slugSchema.parse(slug));
    return doc ? toProductModel(doc) : null;
  }

  @Public()
  @ResolveReference()
  async resolveReference(reference: { __typename: string; id: string }): Promise<ProductModel | null> {
    const doc = await this.search.byId(idSchema.parse(reference.id));
    return doc ? toProductModel(doc) : null;
  }

  @Public()
  @ResolveField('media', () => [MediaRef], {
    description: 'The images in display order, as Media entities the media subgraph resolves (variant URLs).',
  })
  media(@Parent() product: ProductModel): { __typename: 'Media'; id: string }[] {
    return product.images.map((id) => ({ __typename: 'Media', id }));
  }

  @Public()
  @ResolveField('category', () => CategoryModel, { nullable: true })
  async category(@Parent() product: ProductModel): Promise<CategoryModel | null> {
    if (!product.categoryId) return null;
    const category = (await this.categories.byIds([product.categoryId])).get(product.categoryId);
    return category ? toCategoryModel(category) : null;
  }
}

@Resolver(() => ProductSearchResultModel)
export class ProductSearchResultResolver {
  constructor(@Inject(ProductSearchService) private readonly search: ProductSearchService) {}

  @Public()
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() result: SearchResultSource): Promise<number> {
    return this.search.count(result.page.search);
  }

  @Public()
  @ResolveField('facets', () => SearchFacetsModel)
  async facets(@Parent() result: SearchResultSource): Promise<SearchFacetsModel> {
    return this.search.facets(result.page.search);
  }
}
