import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import Keycloak from 'keycloak-js';
import { firstValueFrom } from 'rxjs';
import { PORTAL_CONFIG } from './runtime-config';

/** A refused or failed API call, with the gateway's message, fit to show the user. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** GraphQL error codes (e.g. FORBIDDEN, BAD_USER_INPUT). */
    readonly codes: string[] = [],
  ) {
    super(message);
  }

  get forbidden(): boolean {
    return this.codes.includes('FORBIDDEN') || this.codes.includes('UNAUTHENTICATED');
  }
}

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Calls the marketplace GraphQL API as the signed-in user (fresh Keycloak token on every call). */
@Injectable({ providedIn: 'root' })
export class Api {
  private readonly http = inject(HttpClient);
  private readonly config = inject(PORTAL_CONFIG);
  private readonly keycloak = inject(Keycloak);

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    await this.keycloak.updateToken(30);
    let answer: GraphqlAnswer<T>;
    try {
      answer = await firstValueFrom(
        this.http.post<GraphqlAnswer<T>>(
          this.config.graphqlUrl,
          { query, variables },
          { headers: { authorization: `Bearer ${this.keycloak.token}` } },
        ),
      );
    } catch (error) {
      throw failureOf(error);
    }
    if (answer.errors?.length) throw errorOf(answer.errors);
    if (!answer.data) throw new ApiError('The marketplace answered without data.');
    return answer.data;
  }

  /** POSTs a document to a REST route of the gateway (`/api/v1/<service>/<path>`), e.g. a CSV import. */
  async post<T>(path: string, body: string, contentType: string): Promise<T> {
    await this.keycloak.updateToken(30);
    const url = new URL(`/api/v1/${path}`, this.config.graphqlUrl).href;
    try {
      return await firstValueFrom(
        this.http.post<T>(url, body, {
          headers: { authorization: `Bearer ${this.keycloak.token}`, 'content-type': contentType },
        }),
      );
    } catch (error) {
      throw failureOf(error);
    }
  }
}

function errorOf(errors: NonNullable<GraphqlAnswer<unknown>['errors']>): ApiError {
  return new ApiError(
    errors.map((e) => e.message).join('; '),
    errors.map((e) => e.extensions?.code ?? '').filter(Boolean),
  );
}

function failureOf(error: unknown): ApiError {
  if (!(error instanceof HttpErrorResponse)) return new ApiError(String(error));
  const body = error.error as (GraphqlAnswer<unknown> & { message?: unknown }) | null;
  if (body?.errors?.length) return errorOf(body.errors);
  // REST routes answer `{ message }`.
  if (typeof body?.message === 'string') return new ApiError(body.message);
  if (error.status === 0) return new ApiError('The marketplace could not be reached. Check your connection.');
  return new ApiError(`The marketplace answered ${error.status} ${error.statusText}`.trim());
}

/** The message of anything thrown by an API call. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
