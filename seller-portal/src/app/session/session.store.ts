import {
  createActionGroup,
  createFeature,
  createReducer,
  createSelector,
  emptyProps,
  on,
  props,
} from '@ngrx/store';
import { isOwner, type SessionUser, type TenantAccount } from './session.models';

export const SessionActions = createActionGroup({
  source: 'Session',
  events: {
    'Signed In': props<{ user: SessionUser }>(),
    'Tenant Loaded': props<{ tenant: TenantAccount }>(),
    'Tenant Missing': emptyProps(),
    'Tenant Failed': props<{ message: string }>(),
    'Refresh Tenant': emptyProps(),
  },
});

export interface SessionState {
  user: SessionUser | null;
  tenant: TenantAccount | null;
  /** loading → ready | none (no seller organization yet) | error */
  tenantState: 'loading' | 'ready' | 'none' | 'error';
  error: string | null;
}

const initialState: SessionState = { user: null, tenant: null, tenantState: 'loading', error: null };

export const sessionFeature = createFeature({
  name: 'session',
  reducer: createReducer(
    initialState,
    on(SessionActions.signedIn, (state, { user }) => ({ ...state, user, tenantState: 'loading' as const })),
    on(SessionActions.refreshTenant, (state) => ({ ...state, error: null })),
    on(SessionActions.tenantLoaded, (state, { tenant }) => ({
      ...state,
      tenant,
      tenantState: 'ready' as const,
      error: null,
    })),
    on(SessionActions.tenantMissing, (state) => ({ ...state, tenant: null, tenantState: 'none' as const })),
    on(SessionActions.tenantFailed, (state, { message }) => ({
      ...state,
      tenantState: 'error' as const,
      error: message,
    })),
  ),
  extraSelectors: ({ selectUser }) => ({
    selectIsOwner: createSelector(selectUser, isOwner),
  }),
});
