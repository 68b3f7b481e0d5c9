import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { CheckAbility } from '@marketplace/auth';
import { NotFoundError } from '@marketplace/observability';
import {
  pageQuerySchema,
  parseInput,
  RestController,
  restListOf,
  RestRoute,
  type RestPage,
} from '@marketplace/rest';
import { z } from 'zod';
import { PRODUCT_STATUSES } from '../product.document';
import {
  createProductSchema,
  idSchema,
  SellerProductSort,
  updateProductSchema,
  variantSchema,
} from '../product.inputs';
import { toProductModel } from '../product.mapper';
import { ProductsService } from '../products.service';
import {
  productPage,
  productResource,
  toProductResource,
  variantList,
  variantResource,
  type ProductResource,
  type VariantResource,
} from './product.resource';

const listQuery = pageQuerySchema.extend({
  status: z.enum(PRODUCT_STATUSES).optional().describe('Only products in this status.'),
});
const variantChanges = z
  .object({
    optionValues: variantSchema.shape.optionValues,
    priceMinor: variantSchema.shape.priceMinor.optional(),
    compareAtMinor: variantSchema.shape.compareAtMinor,
  })
  .partial();

const PRODUCT_ID = { id: 'Product id.' };
const VARIANT_ID = { id: 'Product id.', variantId: 'Variant id.' };

/**
 * Products and variants of the token's tenant over REST: every route calls the `ProductsService` the GraphQL
 * mutations call, so both surfaces apply the same rules and raise the same events.
 */
@RestController('products')
@Controller('api/v1/products')
export class ProductsRestController {
  constructor(@Inject(ProductsService) private readonly products: ProductsService) {}

  @CheckAbility('read', 'Product')
  @Get()
  @RestRoute({
    operationId: 'listProducts',
    summary: "The tenant's products in any status, newest first",
    query: listQuery,
    response: { status: 200, schema: productPage },
  })
  async list(@Query() query: unknown): Promise<RestPage<ProductResource>> {
    const args = parseInput(listQuery, query);
    return restListOf(
      args,
      (first, after) => this.products.list(first, after, args.status, SellerProductSort.NEWEST),
      (product) => toProductResource(toProductModel(product)),
    );
  }

  @CheckAbility('create', 'Product')
  @Post()
  @HttpCode(201)
  @RestRoute({
    operationId: 'createProduct',
    summary: 'Creates a draft product with its variants',
    body: createProductSchema,
    response: { status: 201, schema: productResource },
    problems: [409],
    idempotent: true,
  })
  async create(@Body() body: unknown): Promise<ProductResource> {
    return this.resource(await this.products.create(parseInput(createProductSchema, body)));
  }

  @CheckAbility('read', 'Product')
  @Get(':id')
  @RestRoute({
    operationId: 'getProduct',
    summary: 'One product of the tenant',
    params: PRODUCT_ID,
    response: { status: 200, schema: productResource },
    problems: [404],
  })
  async get(@Param('id') id: string): Promise<ProductResource> {
    return this.resource(await this.products.get(idSchema.parse(id)));
  }

  @CheckAbility('update', 'Product')
  @Patch(':id')
  @RestRoute({
    operationId: 'updateProduct',
    summary: 'Changes the given fields; `variants` replaces all variants (SKUs kept keep their id)',
    params: PRODUCT_ID,
    body: updateProductSchema,
    response: { status: 200, schema: productResource },
    problems: [404, 409],
  })
  async update(@Param('id') id: string, @Body() body: unknown): Promise<ProductResource> {
    return this.resource(
      await this.products.update(idSchema.parse(id), parseInput(updateProductSchema, body)),
    );
  }

  @CheckAbility('delete', 'Product')
  @Delete(':id')
  @HttpCode(204)
  @RestRoute({
    operationId: 'deleteProduct',
    summary: 'Deletes a product (buyers no longer see it; its SKUs become free)',
    params: PRODUCT_ID,
    response: { status: 204 },
    problems: [404, 409],
  })
  async delete(@Param('id') id: string): Promise<void> {
    await this.products.delete(idSchema.parse(id));
  }

  @CheckAbility('update', 'Product')
  @Post(':id/publish')
  @HttpCode(200)
  @RestRoute({
    operationId: 'publishProduct',
    summary: 'draft | archived → published',
    params: PRODUCT_ID,
    response: { status: 200, schema: productResource },
    problems: [404, 409],
    idempotent: true,
  })
  async publish(@Param('id') id: string): Promise<ProductResource> {
    return this.resource(await this.products.publish(idSchema.parse(id)));
  }

  @CheckAbility('update', 'Product')
  @Post(':id/archive')
  @HttpCode(200)
  @RestRoute({
    operationId: 'archiveProduct',
    summary: 'draft | published → archived',
    params: PRODUCT_ID,
    response: { status: 200, schema: productResource },
    problems: [404, 409],
    idempotent: true,
  })
  async archive(@Param('id') id: string): Promise<ProductResource> {
    return this.resource(await this.products.archive(idSchema.parse(id)));
  }

  @CheckAbility('read', 'Product')
  @Get(':id/variants')
  @RestRoute({
    operationId: 'listVariants',
    summary: "A product's variants (at most 100, so never paged)",
    params: PRODUCT_ID,
    response: { status: 200, schema: variantList },
    problems: [404],
  })
  async variants(@Param('id') id: string): Promise<{ data: VariantResource[] }> {
    return { data: (await this.get(id)).variants };
  }

  @CheckAbility('update', 'Product')
  @Post(':id/variants')
  @HttpCode(201)
  @RestRoute({
    operationId: 'createVariant',
    summary: 'Adds a variant to a product',
    params: PRODUCT_ID,
    body: variantSchema,
    response: { status: 201, schema: variantResource },
    problems: [404, 409],
    idempotent: true,
  })
  async addVariant(@Param('id') id: string, @Body() body: unknown): Promise<VariantResource> {
    const variant = parseInput(variantSchema, body);
    const product = await this.products.editVariants(idSchema.parse(id), (variants) => [
      ...variants,
      variant,
    ]);
    return this.variantOf(product, (candidate) => candidate.sku === variant.sku);
  }

  @CheckAbility('update', 'Product')
  @Patch(':id/variants/:variantId')
  @RestRoute({
    operationId: 'updateVariant',
    summary: "Changes a variant's price, compare-at price or option values",
    params: VARIANT_ID,
    body: variantChanges,
    response: { status: 200, schema: variantResource },
    problems: [404, 409],
  })
  async updateVariant(
    @Param('id') id: string,
    @Param('variantId') variantId: string,
    @Body() body: unknown,
  ): Promise<VariantResource> {
    const changes = parseInput(variantChanges, body);
    const product = await this.products.editVariants(idSchema.parse(id), (variants, current) => {
      const index = current.variants.findIndex((variant) => variant.id === variantId);
      if (index < 0) throw new NotFoundError(`Product ${id} has no variant ${variantId}`);
      return variants.map((variant, position) =>
        position === index
          ? {
              ...variant,
              ...(changes.optionValues !== undefined ? { optionValues: changes.optionValues } : {}),
              ...(changes.priceMinor !== undefined ? { priceMinor: changes.priceMinor } : {}),
              ...(changes.compareAtMinor !== undefined ? { compareAtMinor: changes.compareAtMinor } : {}),
            }
          : variant,
      );
    });
    return this.variantOf(product, (candidate) => candidate.id === variantId);
  }

  @CheckAbility('update', 'Product')
  @Delete(':id/variants/:variantId')
  @HttpCode(204)
  @RestRoute({
    operationId: 'deleteVariant',
    summary: 'Removes a variant (a product keeps at least one); its SKU becomes free',
    params: VARIANT_ID,
    response: { status: 204 },
    problems: [404, 409],
  })
  async deleteVariant(@Param('id') id: string, @Param('variantId') variantId: string): Promise<void> {
    await this.products.editVariants(idSchema.parse(id), (variants, current) => {
      const index = current.variants.findIndex((variant) => variant.id === variantId);
      if (index < 0) throw new NotFoundError(`Product ${id} has no variant ${variantId}`);
      return variants.filter((_variant, position) => position !== index);
    });
  }

  private resource(product: Parameters<typeof toProductModel>[0]): ProductResource {
    return toProductResource(toProductModel(product));
  }

  private variantOf(
    product: Parameters<typeof toProductModel>[0],
    match: (variant: ProductResource['variants'][number]) => boolean,
  ): VariantResource {
    const variant = this.resource(product).variants.find(match);
    if (!variant) throw new NotFoundError(`Product ${product._id} has no such variant`);
    return variant;
  }
}
