import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { inventorySkuSchema, safeText } from '@marketplace/contracts';
import { z } from 'zod';
import { opaqueCursor } from '@marketplace/service-kit';

export const locationIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a location id');
const reasonSchema = safeText({ multiline: true }).trim().min(1, 'must not be empty').max(500);
const units = z.number().int().max(1_000_000_000);
/** Low-stock alert level of a sku (over all locations): at least 1. */
const thresholdSchema = units.min(1, 'must be at least 1');
const thresholdDescription =
  'Optional low-stock threshold of the sku, saved with the change in one transaction (refused: nothing changes).';

/** Stock levels are listed in (sku, locationId) order; a page starts after this position. */
export const stockCursor = opaqueCursor(
  z.object({ sku: z.string().min(1).max(64), locationId: locationIdSchema }),
);
export type StockPosition = ReturnType<typeof stockCursor.decode>;

export const stockLevelsArgsSchema = z.object({
  first: z.number().int().min(1).max(200),
  after: z.string().min(1).max(500).optional(),
  sku: inventorySkuSchema.optional(),
});

/** Low stock is listed in sku order; a page starts after this sku. */
export const lowStockCursor = opaqueCursor(z.object({ sku: z.string().min(1).max(64) }));

export const lowStockArgsSchema = z.object({
  first: z.number().int().min(1).max(200),
  after: z.string().min(1).max(500).optional(),
});

@InputType()
export class AdjustStockInput {
  @Field()
  sku!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the default location.' })
  locationId?: string;

  @Field(() => Int, { description: 'Units added (positive) or removed (negative); never 0.' })
  delta!: number;

  @Field()
  reason!: string;

  @Field(() => Int, { nullable: true, description: thresholdDescription })
  lowStockThreshold?: number | null;
}

export const adjustStockSchema = z.object({
  sku: inventorySkuSchema,
  locationId: locationIdSchema.optional(),
  delta: units.min(-1_000_000_000).refine((delta) => delta !== 0, 'must not be 0'),
  reason: reasonSchema,
  lowStockThreshold: thresholdSchema.nullish(),
});

@InputType()
export class SetStockInput {
  @Field()
  sku!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the default location.' })
  locationId?: string;

  @Field(() => Int)
  onHand!: number;

  @Field()
  reason!: string;

  @Field(() => Int, { nullable: true, description: thresholdDescription })
  lowStockThreshold?: number | null;
}

export const setStockSchema = z.object({
  sku: inventorySkuSchema,
  locationId: locationIdSchema.optional(),
  onHand: units.min(0),
  reason: reasonSchema,
  lowStockThreshold: thresholdSchema.nullish(),
});

@InputType()
export class SetLowStockThresholdInput {
  @Field()
  sku!: string;

  @Field(() => Int, {
    description: 'A stock.low event is published when availability drops from above this to at or below it.',
  })
  threshold!: number;
}

export const setLowStockThresholdSchema = z.object({ sku: inventorySkuSchema, threshold: thresholdSchema });

@InputType()
export class CreateLocationInput {
  @Field({ description: 'Short unique code per seller, e.g. "berlin-1".' })
  code!: string;

  @Field()
  name!: string;
}

export const createLocationSchema = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes'),
  name: safeText().trim().min(1).max(255),
});
