import { z } from 'zod';
import { pageSchemaOf } from '@marketplace/rest';
import type { StockLevel } from '../stock.model';

export const stockLevelResource = z
  .object({
    sku: z.string(),
    locationId: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int().describe('Held by open checkouts.'),
    available: z.number().int().describe('onHand - reserved: what can still be sold.'),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'StockLevel', description: 'Units of one sku at one location of the seller.' });

export const stockLevelPage = pageSchemaOf('StockLevel', stockLevelResource);

export type StockLevelResource = z.input<typeof stockLevelResource>;

/** The REST resource keeps its published shape (the threshold is a GraphQL-only field for the portal). */
export function toStockLevelResource({
  lowStockThreshold: _threshold,
  ...level
}: StockLevel): StockLevelResource {
  return { ...level, updatedAt: level.updatedAt.toISOString() };
}
