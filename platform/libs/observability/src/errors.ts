/**
 * Errors a caller can act on. Services throw these instead of Nest exceptions; the exception filter answers
 * them by name as 400 / 404 / 409 (GraphQL: BAD_USER_INPUT, NOT_FOUND, CONFLICT) with their message.
 */

/** The one answer to any list cursor (`after`) this API did not hand out (or handed out for another list or sort). */
export const INVALID_CURSOR_MESSAGE = 'after: not a cursor this API returned';

/** Bad input the caller can fix (400); nothing was written. */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** Unknown for this caller; another tenant's or buyer's record is reported the same way, on purpose (404). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The request conflicts with the current state, e.g. a taken SKU or a concurrent change (409). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
