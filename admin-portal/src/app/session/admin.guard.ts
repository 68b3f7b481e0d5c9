import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { Store } from '@ngrx/store';
import Keycloak from 'keycloak-js';
import { adminFromToken } from './session.models';
import { SessionActions, sessionFeature } from './session.store';

/**
 * Puts the signed-in user in the store. Runs as a guard because the first navigation waits for Keycloak's
 * initialization (which exchanges the sign-in code), while an app initializer of our own could run before it.
 */
function loadSession(): void {
  const store = inject(Store);
  if (store.selectSignal(sessionFeature.selectUser)()) return;
  const user = adminFromToken(inject(Keycloak).tokenParsed);
  if (user) store.dispatch(SessionActions.signedIn({ user }));
}

export const sessionGuard: CanActivateFn = () => {
  loadSession();
  return true;
};

/** Every page but "not allowed" is a platform admin's: sellers, staff and buyers are sent there. */
export const adminGuard: CanActivateFn = (_route, state) => {
  loadSession();
  return (
    inject(Store).selectSignal(sessionFeature.selectIsAdmin)() ||
    inject(Router).createUrlTree(['/not-allowed'], { queryParams: { page: state.url } })
  );
};
