import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { safeText } from '@marketplace/contracts';
import { z } from 'zod';
import { displayText } from '../shared/display-text';
import { amountMinorSchema, currencySchema } from '../shared/money';

const pageSizeSchema = z.number().int().min(1).max(100);

export enum ProductSort {
  RELEVANCE = 'RELEVANCE',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  NEWEST = 'NEWEST',
  RATING = 'RATING',
}
registerEnumType(ProductSort, {
  name: 'ProductSort',
  description: 'RELEVANCE ranks products whose title holds every query word first, then newest (ADR 0004).',
});

/** Orders of the seller's own product list (`myProducts`); every one pages with a keyset cursor. */
export enum SellerProductSort {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  TITLE_ASC = 'TITLE_ASC',
  TITLE_DESC = 'TITLE_DESC',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  UPDATED = 'UPDATED',
}
registerEnumType(SellerProductSort, {
  name: 'SellerProductSort',
  description:
    'NEWEST (default) and OLDEST by creation; TITLE by code point; PRICE by the lowest variant price; UPDATED last changed first.',
});

@InputType()
export class NameValueInput {
  @Field() name!: string;
  @Field() value!: string;
}

@InputType()
export class ProductOptionInput {
  @Field() name!: string;
  @Field(() => [String]) values!: string[];
}

@InputType()
export class VariantInput {
  @Field() sku!: string;
  @Field(() => [NameValueInput], { nullable: true }) optionValues?: NameValueInput[];
  @Field(() => Int, { description: 'Price in minor units of the product currency.' }) priceMinor!: number;
  @Field(() => Int, { nullable: true }) compareAtMinor?: number;
}

/** Longest alt text of a product image (screen readers read it whole; a caption belongs in the description). */
export const IMAGE_ALT_MAX = 250;
const IMAGE_ALTS_DESCRIPTION = `Alt text of each image, in the order of images ("" for none; at most ${IMAGE_ALT_MAX} characters).`;

@InputType()
export class CreateProductInput {
  @Field() title!: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => ID, { nullable: true }) categoryId?: string;
  @Field({ description: 'ISO 4217 code of every variant price.' }) currency!: string;
  @Field(() => [NameValueInput], { nullable: true }) attributes?: NameValueInput[];
  @Field(() => [ProductOptionInput], { nullable: true }) options?: ProductOptionInput[];
  @Field(() => [VariantInput]) variants!: VariantInput[];
  @Field(() => [ID], { nullable: true, description: 'Media ids, in display order.' }) images?: string[];
  @Field(() => [String], { nullable: true, description: IMAGE_ALTS_DESCRIPTION }) imageAlts?: string[];
}

@InputType()
export class UpdateProductInput {
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => ID, { nullable: true }) categoryId?: string;
  @Field({ nullable: true }) currency?: string;
  @Field(() => [NameValueInput], { nullable: true }) attributes?: NameValueInput[];
  @Field(() => [ProductOptionInput], { nullable: true }) options?: ProductOptionInput[];
  @Field(() => [VariantInput], {
    nullable: true,
    description: 'Replaces all variants; SKUs kept keep their variant id.',
  })
  variants?: VariantInput[];
  @Field(() => [ID], { nullable: true }) images?: string[];
  @Field(() => [String], {
    nullable: true,
    description: `${IMAGE_ALTS_DESCRIPTION} Left out, images kept keep theirs.`,
  })
  imageAlts?: string[];
}

@InputType()
export class AttributeFilterInput {
  @Field() name!: string;
  @Field(() => [String]) values!: string[];
}

@InputType()
export class ProductSearchInput {
  @Field({ nullable: true }) text?: string;
  @Field(() => ID, { nullable: true, description: 'Includes products of descendant categories.' })
  categoryId?: string;
  @Field(() => Int, { nullable: true, description: 'Lowest "from" price (minor units); needs currency.' })
  minPrice?: number;
  @Field(() => Int, { nullable: true, description: 'Highest "from" price (minor units); needs currency.' })
  maxPrice?: number;
  @Field({ nullable: true }) currency?: string;
  @Field(() => ID, { nullable: true, description: 'Tenant id of the seller.' }) sellerId?: string;
  @Field(() => [AttributeFilterInput], { nullable: true }) attributes?: AttributeFilterInput[];
  @Field({ nullable: true }) inStock?: boolean;
  @Field(() => Float, { nullable: true, description: 'Lowest average review rating, 1 to 5.' })
  minRating?: number;
}

const name = safeText().trim().min(1).max(50);
const value = safeText().trim().min(1).max(100);
// "=" separates name and value in the stored attribute pairs.
const nameValue = z.object({ name: name.refine((n) => !n.includes('='), 'must not contain "="'), value });
const skuSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
const mediaId = z.string().trim().min(1).max(64);

export const variantSchema = z
  .object({
    sku: skuSchema,
    optionValues: z
      .array(nameValue)
      .max(3)
      .nullish()
      .transform((v) => v ?? []),
    priceMinor: amountMinorSchema,
    compareAtMinor: amountMinorSchema.nullish().transform((v) => v ?? null),
  })
  .refine((v) => v.compareAtMinor === null || v.compareAtMinor > v.priceMinor, {
    message: 'compareAtMinor must be above priceMinor',
    path: ['compareAtMinor'],
  });

/** A variant's fields as the API takes them (the product's currency applies). */
export type VariantFields = z.input<typeof variantSchema>;

const optionSchema = z.object({ name, values: z.array(value).min(1).max(50) });

/** Cross-field rules shared by create and update: unique SKUs, variant option values among the declared options. */
function checkVariants(
  data: {
    variants?: z.output<typeof variantSchema>[] | undefined;
    options?: z.output<typeof optionSchema>[] | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const variants = data.variants ?? [];
  const skus = new Set<string>();
  variants.forEach((variant, index) => {
    if (skus.has(variant.sku))
      ctx.addIssue({
        code: 'custom',
        path: ['variants', index, 'sku'],
        message: `duplicate SKU ${variant.sku}`,
      });
    skus.add(variant.sku);
    if (data.options === undefined) return;
    for (const optionValue of variant.optionValues) {
      const option = data.options.find((o) => o.name === optionValue.name);
      if (!option?.values.includes(optionValue.value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'optionValues'],
          message: `${optionValue.name}=${optionValue.value} is not one of the product options`,
        });
      }
    }
  });
}

const productFields = {
  title: safeText().trim().min(1).max(200),
  description: safeText({ multiline: true }).trim().max(5000),
  categoryId: z.string().min(1).max(64),
  currency: currencySchema,
  attributes: z.array(nameValue).max(50),
  options: z.array(optionSchema).max(3),
  variants: z.array(variantSchema).min(1).max(100),
  images: z.array(mediaId).max(20),
  imageAlts: z.array(displayText(IMAGE_ALT_MAX)).max(20),
};

/** With images and alt texts given together, one alt text per image. */
function checkImageAlts(
  data: { images?: string[] | undefined; imageAlts?: string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (data.images === undefined || data.imageAlts === undefined) return;
  if (data.imageAlts.length !== data.images.length)
    ctx.addIssue({
      code: 'custom',
      path: ['imageAlts'],
      message: `one alt text per image: ${data.images.length} expected, ${data.imageAlts.length} given`,
    });
}

export const createProductSchema = z
  .object({
    title: productFields.title,
    description: productFields.description.nullish().transform((v) => v ?? ''),
    categoryId: productFields.categoryId.nullish().transform((v) => v ?? null),
    currency: productFields.currency,
    attributes: productFields.attributes.nullish().transform((v) => v ?? []),
    options: productFields.options.nullish().transform((v) => v ?? []),
    variants: productFields.variants,
    images: productFields.images.nullish().transform((v) => v ?? []),
    imageAlts: productFields.imageAlts.nullish().transform((v) => v ?? undefined),
  })
  .superRefine(checkVariants)
  .superRefine(checkImageAlts);
export type CreateProduct = z.output<typeof createProductSchema>;

export const updateProductSchema = z
  .object({
    title: productFields.title.nullish().transform((v) => v ?? undefined),
    description: productFields.description.nullish().transform((v) => v ?? undefined),
    categoryId: productFields.categoryId.nullish().transform((v) => v ?? undefined),
    currency: productFields.currency.nullish().transform((v) => v ?? undefined),
    attributes: productFields.attributes.nullish().transform((v) => v ?? undefined),
    options: productFields.options.nullish().transform((v) => v ?? undefined),
    variants: productFields.variants.nullish().transform((v) => v ?? undefined),
    images: productFields.images.nullish().transform((v) => v ?? undefined),
    imageAlts: productFields.imageAlts.nullish().transform((v) => v ?? undefined),
  })
  .superRefine(checkVariants)
  .superRefine(checkImageAlts);
export type UpdateProduct = z.output<typeof updateProductSchema>;

export const productSearchSchema = z
  .object({
    text: z
      .string()
      .trim()
      .max(200)
      .nullish()
      .transform((v) => v || undefined),
    categoryId: z
      .string()
      .min(1)
      .max(64)
      .nullish()
      .transform((v) => v ?? undefined),
    minPrice: amountMinorSchema.nullish().transform((v) => v ?? undefined),
    maxPrice: amountMinorSchema.nullish().transform((v) => v ?? undefined),
    currency: currencySchema.nullish().transform((v) => v ?? undefined),
    sellerId: z
      .string()
      .min(1)
      .max(64)
      .nullish()
      .transform((v) => v ?? undefined),
    attributes: z
      .array(z.object({ name, values: z.array(value).min(1).max(20) }))
      .max(10)
      .nullish()
      .transform((v) => v ?? []),
    inStock: z
      .boolean()
      .nullish()
      .transform((v) => v ?? undefined),
    minRating: z
      .number()
      .min(1, 'minRating: between 1 and 5')
      .max(5, 'minRating: between 1 and 5')
      .nullish()
      .transform((v) => v ?? undefined),
  })
  .refine((s) => (s.minPrice === undefined && s.maxPrice === undefined) || s.currency !== undefined, {
    message: 'a price filter needs a currency',
    path: ['currency'],
  })
  .refine((s) => s.minPrice === undefined || s.maxPrice === undefined || s.minPrice <= s.maxPrice, {
    message: 'minPrice must not exceed maxPrice',
    path: ['minPrice'],
  });
export type ProductSearch = z.output<typeof productSearchSchema>;

export const searchArgsSchema = z.object({
  search: productSearchSchema.nullish().transform((v) => v ?? productSearchSchema.parse({})),
  sort: z
    .enum(ProductSort)
    .nullish()
    .transform((v) => v ?? ProductSort.RELEVANCE),
  first: pageSizeSchema.nullish().transform((v) => v ?? 20),
  after: z
    .string()
    .min(1)
    .max(512)
    .nullish()
    .transform((v) => v ?? undefined),
});
export type SearchArgs = z.output<typeof searchArgsSchema>;

export const listArgsSchema = z.object({
  first: pageSizeSchema.nullish().transform((v) => v ?? 20),
  after: z
    .string()
    .min(1)
    .max(512)
    .nullish()
    .transform((v) => v ?? undefined),
});

/** Product ids are ULIDs: anything else is a malformed id (BAD_USER_INPUT / 400), as orders and media treat theirs. */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a product id');
