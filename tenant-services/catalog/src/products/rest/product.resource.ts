import { z } from 'zod';
import { pageSchemaOf } from '@marketplace/rest';
import { MODERATION_STATES, PRODUCT_STATUSES } from '../product.document';
import type { ProductModel, VariantModel } from '../product.model';

/** The REST shapes of products and variants, as the OpenAPI document shows them. */
const nameValue = z.object({ name: z.string(), value: z.string() }).meta({ id: 'NameValue' });

export const variantResource = z
  .object({
    id: z.string(),
    sku: z.string(),
    optionValues: z.array(nameValue),
    priceMinor: z.number().int().describe('Minor units of the product currency.'),
    compareAtMinor: z.number().int().nullable(),
    inStock: z.boolean().describe('False once inventory reports no available units.'),
  })
  .meta({ id: 'Variant' });

export const productResource = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    moderation: z.enum(MODERATION_STATES),
    categoryId: z.string().nullable(),
    attributes: z.array(nameValue),
    options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    variants: z.array(variantResource),
    images: z.array(z.string()).describe('Media ids in display order.'),
    imageAlts: z
      .array(z.string())
      .describe('Alt text of each image, in the order of images; "" where the seller gave none.'),
    currency: z.string().describe('ISO 4217 code of every variant price.'),
    minPrice: z.number().int(),
    maxPrice: z.number().int(),
    inStock: z.boolean(),
    ratingAvg: z.number(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Product' });

export const productPage = pageSchemaOf('Product', productResource);
export const variantList = z.object({ data: z.array(variantResource) }).meta({ id: 'VariantList' });

export type ProductResource = z.input<typeof productResource>;
export type VariantResource = z.input<typeof variantResource>;

export function toVariantResource(variant: VariantModel): VariantResource {
  const { id, sku, optionValues, priceMinor, compareAtMinor, inStock } = variant;
  return { id, sku, optionValues, priceMinor, compareAtMinor, inStock };
}

/** The GraphQL model without the graph's references (seller, category), dates as ISO strings. */
export function toProductResource(product: ProductModel): ProductResource {
  return {
    id: product.id,
    tenantId: product.tenantId,
    slug: product.slug,
    title: product.title,
    description: product.description,
    status: product.status,
    moderation: product.moderation,
    categoryId: product.categoryId,
    attributes: product.attributes,
    options: product.options,
    variants: product.variants.map(toVariantResource),
    images: product.images,
    imageAlts: product.imageAlts,
    currency: product.currency,
    minPrice: product.minPrice,
    maxPrice: product.maxPrice,
    inStock: product.inStock,
    ratingAvg: product.ratingAvg,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    publishedAt: product.publishedAt?.toISOString() ?? null,
  };
}
