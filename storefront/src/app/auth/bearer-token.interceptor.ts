import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { from, switchMap } from 'rxjs';
import { APP_CONFIG } from '../core/app-config';
import { AuthService } from './auth.service';

/**
 * Sends the buyer's access token to the marketplace API only, never to other hosts. Anonymous requests pass
 * straight through: waiting for a token that is not there would make them asynchronous, and then hydration
 * renders the pages' loading state before the server's transferred answer arrives, throwing the server-rendered
 * content (the LCP picture with it) away and drawing it again.
 */
export const bearerTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  if (request.url !== inject(APP_CONFIG).apiUrl || !auth.signedIn) return next(request);
  return from(auth.accessToken()).pipe(
    switchMap((token) =>
      next(token ? request.clone({ setHeaders: { authorization: `Bearer ${token}` } }) : request),
    ),
  );
};
