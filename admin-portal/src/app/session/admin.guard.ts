import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { Store } from '@ngrx/store';
import { sessionFeature } from './session.store';

/** Every page but "not allowed" is a platform admin's: sellers, staff and buyers are sent there. */
export const adminGuard: CanActivateFn = (_route, state) =>
  inject(Store).selectSignal(sessionFeature.selectIsAdmin)() ||
  inject(Router).createUrlTree(['/not-allowed'], { queryParams: { page: state.url } });
