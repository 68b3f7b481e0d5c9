import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { AuthUser } from './auth.models';

export const AuthActions = createActionGroup({
  source: 'Auth',
  events: {
    'Session Checked': props<{ user: AuthUser | null }>(),
    'Session Check Failed': props<{ message: string }>(),
    'Sign In Requested': emptyProps(),
    'Sign Out Requested': emptyProps(),
    'Redirect Failed': props<{ message: string }>(),
  },
});
