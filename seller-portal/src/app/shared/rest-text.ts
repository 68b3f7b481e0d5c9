import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import Keycloak from 'keycloak-js';
import { firstValueFrom } from 'rxjs';
import { ApiError, PORTAL_CONFIG } from '@marketplace/web-portal';

/** GETs a text document (e.g. a CSV statement) from a REST route of the gateway as the signed-in user. */
@Injectable({ providedIn: 'root' })
export class RestText {
  private readonly http = inject(HttpClient);
  private readonly config = inject(PORTAL_CONFIG);
  private readonly keycloak = inject(Keycloak);

  async get(path: string): Promise<string> {
    await this.keycloak.updateToken(30);
    const url = new URL(`/api/v1/${path}`, this.config.graphqlUrl).href;
    try {
      return await firstValueFrom(
        this.http.get(url, {
          headers: { authorization: `Bearer ${this.keycloak.token}` },
          responseType: 'text',
        }),
      );
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 403)
        throw new ApiError('Only the store owner may download statements.', ['FORBIDDEN']);
      throw new ApiError(
        error instanceof HttpErrorResponse && error.status === 0
          ? 'The marketplace could not be reached. Check your connection.'
          : `The download failed${error instanceof HttpErrorResponse ? ` (${error.status})` : ''}. Try again.`,
      );
    }
  }
}
