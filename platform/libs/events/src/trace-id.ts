import { randomBytes } from 'node:crypto';

/** A W3C trace-context style id (32 hex chars) for events raised outside any traced request. */
export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}
