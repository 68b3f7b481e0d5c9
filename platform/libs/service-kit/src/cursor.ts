import { z } from 'zod';
import { ValidationError } from '@marketplace/observability';

/** Position after which the next page starts: list order is (createdAt, id). */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

const positionSchema = z.object({ c: z.iso.datetime({ offset: false }), i: z.string().min(1).max(64) });

/** Opaque to clients: base64url of the position, so the order keys can change without an API change. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt.toISOString(), i: position.id })).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('after: not a cursor this API returned');
  }
  const parsed = positionSchema.safeParse(decoded);
  if (!parsed.success) throw new ValidationError('after: not a cursor this API returned');
  return { createdAt: new Date(parsed.data.c), id: parsed.data.i };
}
