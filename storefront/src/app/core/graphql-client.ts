import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, Observable, throwError } from 'rxjs';
import { APP_CONFIG } from './app-config';

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

/** A failed API call, with a message fit to show the buyer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  /** True when the request may not have reached the API (network, gateway), so the same request may be repeated. */
  constructor(
    message: string,
    readonly retryable = false,
    /** The GraphQL error code of the first error (`UNAUTHENTICATED`, `NOT_FOUND`, ...), when the API gave one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

function codeOf(response: GraphqlResponse<unknown> | null | undefined): string | undefined {
  const code = response?.errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

@Injectable({ providedIn: 'root' })
export class GraphqlClient {
  private readonly http = inject(HttpClient);
  private readonly config = inject(APP_CONFIG);

  query<T>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Observable<T> {
    return this.http.post<GraphqlResponse<T>>(this.config.apiUrl, { query, variables }, { headers }).pipe(
      catchError((error: unknown) => throwError(() => toApiError(error))),
      map((response) => {
        if (response.errors?.length)
          throw new ApiError(response.errors.map((e) => e.message).join('; '), false, codeOf(response));
        if (!response.data) throw new ApiError('The server answered without data.');
        return response.data;
      }),
    );
  }
}

function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as GraphqlResponse<unknown> | null;
    const messages = body?.errors?.map((e) => e.message).join('; ');
    const retryable = error.status === 0 || error.status >= 502;
    if (messages) return new ApiError(messages, retryable, codeOf(body));
    if (error.status === 0)
      return new ApiError('The shop could not be reached. Check your connection and try again.', true);
    return new ApiError(`The shop answered ${error.status} ${error.statusText}.`.trim(), retryable);
  }
  return new ApiError(error instanceof Error ? error.message : String(error));
}
