import { ValidationError } from '@marketplace/observability';

/** Opaque list cursors: base64url of the last media id seen (ids are ULIDs, so they sort by creation). */
export function encodeCursor(mediaId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, id: mediaId }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      v?: unknown;
      id?: unknown;
    };
    if (parsed.v === 1 && typeof parsed.id === 'string' && MEDIA_ID.test(parsed.id)) return parsed.id;
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw new ValidationError('after: invalid cursor');
}

export const MEDIA_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
