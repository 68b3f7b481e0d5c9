import type { ErrorResponse } from './error-response';

/** RFC 9457 media type of every error answer of the REST API (`/api/v1`). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Paths answered with problem details rather than the platform's plain error body. */
export const REST_API_PREFIX = '/api/v1/';

/** One invalid input: where (a dotted path into the body or the query parameter's name) and what is wrong. */
export interface ProblemFieldError {
  field: string;
  detail: string;
}

/**
 * RFC 9457 problem details. `type` is `about:blank` (the status says what happened); `code` is the stable,
 * machine-readable kind the platform's GraphQL answers use too, `errors` lists invalid fields, `traceId` finds
 * the server's log line.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  traceId?: string;
  errors?: ProblemFieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

export function problemTitleOf(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export function problemCodeOf(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}

export function isRestApiPath(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(REST_API_PREFIX);
}

/** A problem document; the path of the request without its query is the `instance`. */
export function problemOf(
  status: number,
  detail: string,
  extras: { code?: string; instance?: string; traceId?: string; errors?: ProblemFieldError[] } = {},
): ProblemDetails {
  const { code, instance, traceId, errors } = extras;
  return {
    type: 'about:blank',
    title: problemTitleOf(status),
    status,
    detail,
    code: code ?? problemCodeOf(status),
    ...(instance ? { instance: instance.split('?')[0] } : {}),
    ...(traceId ? { traceId } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** The problem document of an error the exception filter classified. */
export function problemOfErrorResponse(
  response: ErrorResponse,
  extras: { instance?: string; traceId?: string } = {},
): ProblemDetails {
  const { message } = response.body;
  const detail = Array.isArray(message)
    ? response.fieldErrors && response.fieldErrors.length > 0
      ? 'The request has invalid fields'
      : message.join('; ')
    : message;
  return problemOf(response.status, detail, {
    ...extras,
    ...(response.fieldErrors ? { errors: response.fieldErrors } : {}),
  });
}
