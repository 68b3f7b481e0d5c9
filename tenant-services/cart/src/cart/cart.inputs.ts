import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { MAX_LINES, MAX_QUANTITY } from './cart-line';

@InputType('CartVariantInput')
export class CartVariantInput {
  @Field(() => ID) productId!: string;
  @Field() sku!: string;
}

const quantitySchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1 (remove the line instead)')
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

export const lineIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a cart line id');

const variantSchema = z.object({
  // Same bounds as the catalog's ids, so a bad id is refused here rather than by the catalog.
  productId: z.string().min(1).max(64),
  sku: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a catalog SKU (1-64 letters, digits, ".", "_" or "-")'),
});

export const addToCartSchema = z.object({ variant: variantSchema, quantity: quantitySchema });

export const updateLineSchema = z.object({ lineId: lineIdSchema, quantity: quantitySchema });

@InputType('OrderedLineInput', {
  description: 'A line of a placed order: the variant and the quantity ordered.',
})
export class OrderedLineInput {
  @Field(() => ID) productId!: string;
  @Field() sku!: string;
  @Field(() => Int) quantity!: number;
}

export const removeOrderedLinesSchema = z.object({
  // Orders are identified by ULIDs (the orders service issues them).
  orderId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an order id'),
  lines: z
    .array(variantSchema.extend({ quantity: quantitySchema }))
    .min(1, 'must name at least one ordered line')
    .max(MAX_LINES, `must name at most ${MAX_LINES} lines`),
});
export type OrderedLine = z.infer<typeof removeOrderedLinesSchema>['lines'][number];
