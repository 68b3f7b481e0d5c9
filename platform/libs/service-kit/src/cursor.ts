import { z } from 'zod';
import { INVALID_CURSOR_MESSAGE, ValidationError } from '@marketplace/observability';

export interface CursorCodec<T> {
  encode(position: T): string;
  decode(cursor: string): T;
}

/**
 * Opaque keyset cursors: base64url of the JSON of a list's position, validated by the list's own schema on the way
 * back. Clients only pass them on, so a list may change its order keys without an API change. Dates travel as ISO
 * strings; the schema turns them back (see `createdAtCursor`).
 */
export function opaqueCursor<S extends z.ZodType>(schema: S): CursorCodec<z.output<S>> {
  return {
    encode: (position) => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url'),
    decode: (cursor) => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw new ValidationError(INVALID_CURSOR_MESSAGE);
      }
      const parsed = schema.safeParse(decoded);
      if (!parsed.success) throw new ValidationError(INVALID_CURSOR_MESSAGE);
      return parsed.data;
    },
  };
}

/** Position after which the next page starts in lists ordered by (createdAt, id). */
export interface CreatedAtPosition {
  createdAt: Date;
  id: string;
}

const createdAtPosition = z.object({
  createdAt: z.iso.datetime({ offset: false }).transform((value) => new Date(value)),
  id: z.string().min(1).max(64),
});

const opaqueCreatedAt = opaqueCursor(createdAtPosition);

/** The cursor of every list ordered by creation time with the id as tie-breaker (rows may be passed whole). */
export const createdAtCursor: CursorCodec<CreatedAtPosition> = {
  encode: ({ createdAt, id }) => opaqueCreatedAt.encode({ createdAt, id }),
  decode: (cursor) => opaqueCreatedAt.decode(cursor),
};
