import { z } from 'zod';
import { ValidationError } from '@marketplace/observability';

/**
 * Opaque keyset cursor: the sort value of the last row seen plus its id as tie-breaker, so pages stay
 * stable while rows are inserted. `s` names the sort the cursor was made for; using it with another sort is refused.
 */
const cursorSchema = z.object({
  s: z.string().min(1),
  v: z.union([z.number(), z.string(), z.null()]),
  id: z.string().min(1),
  t: z.number().int().min(0).max(1).optional(),
});
export type CursorPosition = z.infer<typeof cursorSchema>;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('Invalid cursor');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.s !== sort) throw new ValidationError('Invalid cursor');
  return result.data;
}

export const pageSizeSchema = z.number().int().min(1).max(100).default(20);
