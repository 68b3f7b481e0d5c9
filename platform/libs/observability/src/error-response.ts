import { HttpException, HttpStatus } from '@nestjs/common';
import { isOutageError } from '@marketplace/resilience';

export interface ErrorResponse {
  status: number;
  body: { statusCode: number; error: string; message: string | string[]; [field: string]: unknown };
  /** False for errors nobody anticipated: they are logged with their stack and answered generically. */
  expected: boolean;
  /** Invalid inputs one by one, for answers that list them (REST problem details). */
  fieldErrors?: { field: string; detail: string }[];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Domain errors recognised by name, so libraries can throw them without depending on Nest: CASL's
 * `ForbiddenError`, the tenancy guard, and conventional names services may use.
 */
const STATUS_BY_ERROR_NAME: Record<string, number> = {
  ValidationError: HttpStatus.BAD_REQUEST,
  ForbiddenError: HttpStatus.FORBIDDEN,
  TenantContextMissingError: HttpStatus.FORBIDDEN,
  BuyerContextMissingError: HttpStatus.FORBIDDEN,
  NotFoundError: HttpStatus.NOT_FOUND,
  ConflictError: HttpStatus.CONFLICT,
  // A bounded piece of work (e.g. checkout, `concurrencyLimit` in resilience) is full: try again shortly.
  CapacityExceededError: HttpStatus.SERVICE_UNAVAILABLE,
};

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';
export const UNAVAILABLE_MESSAGE = 'A service this request needs is unavailable; try again shortly';

function reasonOf(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

interface ZodLikeError {
  name: 'ZodError';
  issues: { path: PropertyKey[]; message: string }[];
}

function isZodError(error: unknown): error is ZodLikeError {
  return (
    error instanceof Error &&
    error.name === 'ZodError' &&
    Array.isArray((error as Partial<ZodLikeError>).issues)
  );
}

/** How an exception is answered: status, a body safe to show the caller, and whether it was anticipated. */
export function errorResponseOf(error: unknown): ErrorResponse {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body =
      typeof response === 'string'
        ? { statusCode: status, error: reasonOf(status), message: response }
        : { statusCode: status, error: reasonOf(status), message: error.message, ...(response as object) };
    return { status, body, expected: true };
  }
  // zod is how inputs are validated at the edge, so an escaping ZodError is a bad request.
  if (isZodError(error)) {
    const message = error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`,
    );
    const fieldErrors = error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'input',
      detail: issue.message,
    }));
    return {
      status: 400,
      body: { statusCode: 400, error: reasonOf(400), message },
      expected: true,
      fieldErrors,
    };
  }
  const status = error instanceof Error ? STATUS_BY_ERROR_NAME[error.name] : undefined;
  if (status !== undefined && error instanceof Error) {
    return {
      status,
      body: { statusCode: status, error: reasonOf(status), message: error.message },
      expected: true,
    };
  }
  // A store or service it needs is down (ADR 0052): the caller may repeat the request, so not a bare 500. The cause
  // stays in the log (a 5xx that was anticipated is logged as a warning), never in the answer.
  if (isOutageError(error)) {
    return {
      status: 503,
      body: { statusCode: 503, error: reasonOf(503), message: UNAVAILABLE_MESSAGE },
      expected: true,
    };
  }
  return {
    status: 500,
    body: { statusCode: 500, error: reasonOf(500), message: INTERNAL_ERROR_MESSAGE },
    expected: false,
  };
}

const GRAPHQL_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  503: 'SERVICE_UNAVAILABLE',
};

export function graphqlCodeOf(status: number): string {
  return GRAPHQL_CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
}
