/** RFC 9457 problem details: what every REST error answers (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable kind, e.g. VALIDATION_FAILED, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, RATE_LIMITED. */
  code: string;
  instance?: string;
  traceId?: string;
  errors?: { field: string; detail: string }[];
}

export class MarketplaceApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = 'MarketplaceApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The data of an SDK call, or a `MarketplaceApiError` carrying the problem details. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem = result.error as Partial<Problem> | undefined;
    throw new MarketplaceApiError({
      type: problem?.type ?? 'about:blank',
      title: problem?.title ?? result.response.statusText,
      status: problem?.status ?? result.response.status,
      detail: problem?.detail ?? result.response.statusText,
      code: problem?.code ?? 'UNKNOWN',
      ...(problem?.traceId ? { traceId: problem.traceId } : {}),
      ...(problem?.errors ? { errors: problem.errors } : {}),
    });
  }
  return result.data as T;
}
