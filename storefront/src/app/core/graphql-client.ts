import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, Observable, throwError } from 'rxjs';
import { APP_CONFIG } from './app-config';

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string }[];
}

/** A failed API call, with a message fit to show the buyer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
}

@Injectable({ providedIn: 'root' })
export class GraphqlClient {
  private readonly http = inject(HttpClient);
  private readonly config = inject(APP_CONFIG);

  query<T>(query: string, variables: Record<string, unknown> = {}): Observable<T> {
    return this.http.post<GraphqlResponse<T>>(this.config.apiUrl, { query, variables }).pipe(
      catchError((error: unknown) => throwError(() => toApiError(error))),
      map((response) => {
        if (response.errors?.length) throw new ApiError(response.errors.map((e) => e.message).join('; '));
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
    if (messages) return new ApiError(messages);
    if (error.status === 0)
      return new ApiError('The shop could not be reached. Check your connection and try again.');
    return new ApiError(`The shop answered ${error.status} ${error.statusText}.`.trim());
  }
  return new ApiError(error instanceof Error ? error.message : String(error));
}
