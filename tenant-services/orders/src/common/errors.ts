// Named so that @marketplace/observability answers them as 400 / 404 / 409 (GraphQL: BAD_USER_INPUT,
// NOT_FOUND, CONFLICT) without this service depending on Nest exceptions.

export class ValidationError extends Error {
  override name = 'ValidationError';
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class ConflictError extends Error {
  override name = 'ConflictError';
}
