import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { from, switchMap } from 'rxjs';
import { APP_CONFIG } from '../core/app-config';
import { AuthService } from './auth.service';

/** Sends the buyer's access token to the marketplace API only, never to other hosts. */
export const bearerTokenInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.url !== inject(APP_CONFIG).apiUrl) return next(request);
  return from(inject(AuthService).accessToken()).pipe(
    switchMap((token) =>
      next(token ? request.clone({ setHeaders: { authorization: `Bearer ${token}` } }) : request),
    ),
  );
};
