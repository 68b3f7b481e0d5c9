/** Bad input or an upload that failed inspection: answered as 400 / BAD_USER_INPUT (by error name). */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** Unknown id, or one the caller may not see: the two are indistinguishable on purpose (404 / NOT_FOUND). */
export class NotFoundError extends Error {
  constructor(message = 'Media not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Another request changed the media first (409 / CONFLICT). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
