import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { AuthActions } from './auth.actions';
import type { AuthStatus, AuthUser } from './auth.models';

export interface AuthState {
  status: AuthStatus;
  user: AuthUser | null;
  error: string | null;
}

export const initialAuthState: AuthState = { status: 'unknown', user: null, error: null };

export const authFeature = createFeature({
  name: 'auth',
  reducer: createReducer(
    initialAuthState,
    on(AuthActions.sessionChecked, (_, { user }) => ({
      status: user ? ('authenticated' as const) : ('anonymous' as const),
      user,
      error: null,
    })),
    on(AuthActions.sessionCheckFailed, (_, { message }) => ({
      status: 'error' as const,
      user: null,
      error: message,
    })),
    on(AuthActions.redirectFailed, (state, { message }) => ({ ...state, error: message })),
  ),
  extraSelectors: ({ selectStatus }) => ({
    selectIsAuthenticated: createSelector(selectStatus, (status) => status === 'authenticated'),
  }),
});
