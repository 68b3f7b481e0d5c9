import { z } from 'zod';
import { ValidationError } from '@marketplace/observability';

/** Position after which the next page of stock levels starts: list order is (sku, locationId). */
export interface StockCursor {
  sku: string;
  locationId: string;
}

const positionSchema = z.object({ s: z.string().min(1).max(64), l: z.string().length(26) });

/** Opaque to clients: base64url of the position, so the order keys can change without an API change. */
export function encodeCursor(position: StockCursor): string {
  return Buffer.from(JSON.stringify({ s: position.sku, l: position.locationId })).toString('base64url');
}

export function decodeCursor(cursor: string): StockCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('after: not a cursor this API returned');
  }
  const parsed = positionSchema.safeParse(decoded);
  if (!parsed.success) throw new ValidationError('after: not a cursor this API returned');
  return { sku: parsed.data.s, locationId: parsed.data.l };
}
