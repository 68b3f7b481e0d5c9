import { HttpException, HttpStatus } from '@nestjs/common';

export type AuthErrorReason =
  'missing_token' | 'invalid_token' | 'expired_token' | 'wrong_audience' | 'invalid_claims';

/**
 * The caller is not authenticated (HTTP 401). Extends Nest's HttpException so REST and GraphQL layers map
 * it without a custom filter; the reason is machine-readable, the message never echoes the token.
 */
export class AuthError extends HttpException {
  constructor(
    readonly reason: AuthErrorReason,
    message: string,
  ) {
    super(
      { statusCode: HttpStatus.UNAUTHORIZED, error: 'Unauthorized', reason, message },
      HttpStatus.UNAUTHORIZED,
    );
    this.name = 'AuthError';
  }
}

/** The caller is authenticated but not allowed to do this (HTTP 403). */
export class ForbiddenError extends HttpException {
  constructor(message = 'Forbidden') {
    super({ statusCode: HttpStatus.FORBIDDEN, error: 'Forbidden', message }, HttpStatus.FORBIDDEN);
    this.name = 'ForbiddenError';
  }
}

/** The identity provider's keys could not be fetched (HTTP 503): not the caller's fault, so not a 401. */
export class IdentityProviderUnavailableError extends HttpException {
  constructor(cause: unknown) {
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: 'Identity provider keys unavailable',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
      { cause },
    );
    this.name = 'IdentityProviderUnavailableError';
  }
}
