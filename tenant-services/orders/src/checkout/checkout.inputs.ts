import { Field, InputType } from '@nestjs/graphql';
import { safeText } from '@marketplace/contracts';
import { z } from 'zod';

const text = (max: number) => safeText().trim().min(1, 'must not be empty').max(max);
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in upper case');

export const shippingAddressSchema = z.object({
  name: text(200),
  line1: text(255),
  line2: safeText().trim().max(255).optional(),
  postalCode: text(32),
  city: text(128),
  region: safeText().trim().max(128).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code in upper case'),
  phone: safeText().trim().max(32).optional(),
});

export const checkoutLineSchema = z.object({
  tenantId: z.string().min(1).max(36),
  productId: text(64),
  sku: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - / only'),
  title: text(255),
  /** The product's category, for category commission rules (none for uncategorised products). */
  categoryId: z.string().min(1).max(64).nullish(),
  quantity: z.number().int().min(1, 'must be at least 1').max(10_000),
  unitPrice: z.number().int().min(0, 'must not be negative').max(1_000_000_000),
  currency,
});

/** Amounts are GraphQL Int (32-bit). */
const MAX_ORDER_TOTAL = 2_147_483_647;

function orderTotal(lines: { quantity: number; unitPrice: number }[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
}

/** What the buyer sends: the lines come from the buyer's validated cart. */
export const checkoutRequestSchema = z.object({
  idempotencyKey: z.string().min(8).max(191),
  shippingAddress: shippingAddressSchema,
});

/** The saga's command: the request plus the cart's lines, checked again before anything is reserved. */
export const checkoutSchema = z
  .object({
    idempotencyKey: z.string().min(8).max(191),
    lines: z.array(checkoutLineSchema).min(1, 'at least one line').max(200),
    shippingAddress: shippingAddressSchema,
  })
  .refine((input) => new Set(input.lines.map((line) => line.currency)).size === 1, {
    message: 'all lines must be in one currency',
    path: ['lines'],
  })
  .refine(
    (input) =>
      new Set(input.lines.map((line) => `${line.tenantId}\n${line.sku}`)).size === input.lines.length,
    { message: 'each sku of a seller may appear once', path: ['lines'] },
  )
  .refine((input) => input.lines.some((line) => line.unitPrice > 0), {
    message: 'the order total must be positive',
    path: ['lines'],
  })
  .refine((input) => orderTotal(input.lines) <= MAX_ORDER_TOTAL, {
    message: `the order total must not exceed ${MAX_ORDER_TOTAL} minor units`,
    path: ['lines'],
  });
export type CheckoutCommand = z.output<typeof checkoutSchema>;

@InputType()
export class ShippingAddressInput {
  @Field() name!: string;
  @Field() line1!: string;
  @Field({ nullable: true }) line2?: string;
  @Field() postalCode!: string;
  @Field() city!: string;
  @Field({ nullable: true }) region?: string;
  @Field({ description: 'ISO 3166-1 alpha-2' }) country!: string;
  @Field({ nullable: true }) phone?: string;
}

@InputType()
export class CheckoutInput {
  @Field({ description: 'Chosen by the client per checkout attempt; a repeat returns the same order.' })
  idempotencyKey!: string;

  @Field(() => ShippingAddressInput)
  shippingAddress!: ShippingAddressInput;
}
