import { ValidationError } from '@marketplace/observability';
import { z } from 'zod';

/** A Redis stream entry id `<ms>-<seq>`. */
const entryId = z.string().regex(/^\d{1,15}-\d{1,10}$/);
const positionsSchema = z.record(z.string().max(120), entryId);

/**
 * The SSE event id: the position reached in every channel of the connection, so a reconnect with
 * `Last-Event-ID` resumes each channel exactly after what the browser saw.
 */
export type Positions = Map<string, string>;

export function encodePositions(positions: Positions): string {
  return Buffer.from(JSON.stringify(Object.fromEntries(positions)), 'utf8').toString('base64url');
}

export function decodePositions(cursor: string): Positions {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError('Last-Event-ID: not an event id this stream sent');
  }
  const parsed = positionsSchema.safeParse(decoded);
  if (!parsed.success) throw new ValidationError('Last-Event-ID: not an event id this stream sent');
  return new Map(Object.entries(parsed.data));
}

/** Orders Redis stream ids: negative when a is older than b. */
export function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(Number) as [number, number];
  const [bMs, bSeq] = b.split('-').map(Number) as [number, number];
  return aMs !== bMs ? aMs - bMs : aSeq - bSeq;
}
