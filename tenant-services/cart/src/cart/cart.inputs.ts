import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { MAX_QUANTITY } from './cart-line';

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

export const addToCartSchema = z.object({
  variant: z.object({
    // Same bounds as the catalog's ids, so a bad id is refused here rather than by the catalog.
    productId: z.string().min(1).max(64),
    sku: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a catalog SKU (1-64 letters, digits, ".", "_" or "-")'),
  }),
  quantity: quantitySchema,
});

export const updateLineSchema = z.object({ lineId: lineIdSchema, quantity: quantitySchema });
