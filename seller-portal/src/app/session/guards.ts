import { inject } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { Router, type CanActivateFn } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map, take } from 'rxjs';
import { sessionFeature } from './session.store';

/** Seller pages need a seller organization; a user without one is sent to sign up. */
export const sellerGuard: CanActivateFn = () => {
  const router = inject(Router);
  return toObservable(inject(Store).selectSignal(sessionFeature.selectTenantState)).pipe(
    filter((state) => state !== 'loading'),
    take(1),
    map((state) => (state === 'none' ? router.createUrlTree(['/signup']) : true)),
  );
};

/** Payouts and team are the owner's: staff get a page saying so (the API refuses them too). */
export const ownerGuard: CanActivateFn = (_route, state) => {
  const owner = inject(Store).selectSignal(sessionFeature.selectIsOwner)();
  return owner || inject(Router).createUrlTree(['/not-allowed'], { queryParams: { page: state.url } });
};
