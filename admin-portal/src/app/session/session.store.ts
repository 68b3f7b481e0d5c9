import { createActionGroup, createFeature, createReducer, createSelector, on, props } from '@ngrx/store';
import { isPlatformAdmin, type AdminUser } from './session.models';

export const SessionActions = createActionGroup({
  source: 'Session',
  events: { 'Signed In': props<{ user: AdminUser }>() },
});

export interface SessionState {
  user: AdminUser | null;
}

export const sessionFeature = createFeature({
  name: 'session',
  reducer: createReducer<SessionState>(
    { user: null },
    on(SessionActions.signedIn, (state, { user }) => ({ ...state, user })),
  ),
  extraSelectors: ({ selectUser }) => ({ selectIsAdmin: createSelector(selectUser, isPlatformAdmin) }),
});
