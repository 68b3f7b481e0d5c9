import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { CheckAbility } from '@marketplace/auth';
import { z } from 'zod';
import { PRODUCT_STATUSES } from './product.document';
import {
  CreateProductInput,
  createProductSchema,
  idSchema,
  listArgsSchema,
  SellerProductSort,
  UpdateProductInput,
  updateProductSchema,
} from './product.inputs';
import { toProductModel } from './product.mapper';
import { ProductConnectionModel, ProductModel, ProductStatusValue } from './product.model';
import { ProductsService } from './products.service';

const statusSchema = z
  .enum(PRODUCT_STATUSES)
  .nullish()
  .transform((v) => v ?? undefined);

/** Seller (and tenant API client) operations; the tenant always comes from the verified token. */
@Resolver(() => ProductModel)
export class SellerProductsResolver {
  constructor(@Inject(ProductsService) private readonly products: ProductsService) {}

  @CheckAbility('read', 'Product')
  @Query(() => ProductConnectionModel, {
    description: "The seller's own products in any status, newest first unless `sort` says otherwise.",
  })
  async myProducts(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('status', { type: () => ProductStatusValue, nullable: true }) status?: ProductStatusValue,
    @Args('sort', { type: () => SellerProductSort, nullable: true }) sort?: SellerProductSort,
  ): Promise<ProductConnectionModel> {
    const args = listArgsSchema.parse({ first, after });
    const page = await this.products.list(
      args.first,
      args.after,
      statusSchema.parse(status),
      sort ?? SellerProductSort.NEWEST,
    );
    return { nodes: page.nodes.map(toProductModel), pageInfo: page.pageInfo };
  }

  @CheckAbility('read', 'Product')
  @Query(() => ProductModel, { description: "One of the seller's own products, in any status." })
  async myProduct(@Args('id', { type: () => ID }) id: string): Promise<ProductModel> {
    return toProductModel(await this.products.get(idSchema.parse(id)));
  }

  @CheckAbility('create', 'Product')
  @Mutation(() => ProductModel, { description: 'Creates a draft product.' })
  async createProduct(@Args('input') input: CreateProductInput): Promise<ProductModel> {
    return toProductModel(await this.products.create(createProductSchema.parse(input)));
  }

  @CheckAbility('update', 'Product')
  @Mutation(() => ProductModel)
  async updateProduct(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateProductInput,
  ): Promise<ProductModel> {
    return toProductModel(await this.products.update(idSchema.parse(id), updateProductSchema.parse(input)));
  }

  @CheckAbility('update', 'Product')
  @Mutation(() => ProductModel)
  async publishProduct(@Args('id', { type: () => ID }) id: string): Promise<ProductModel> {
    return toProductModel(await this.products.publish(idSchema.parse(id)));
  }

  @CheckAbility('update', 'Product')
  @Mutation(() => ProductModel)
  async archiveProduct(@Args('id', { type: () => ID }) id: string): Promise<ProductModel> {
    return toProductModel(await this.products.archive(idSchema.parse(id)));
  }

  @CheckAbility('delete', 'Product')
  @Mutation(() => Boolean)
  async deleteProduct(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.products.delete(idSchema.parse(id));
    return true;
  }
}
