import { inject, Injectable } from '@angular/core';
import { Actions, createEffect, ofType, ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { catchError, EMPTY, from, map, of, switchMap } from 'rxjs';
import { AuthActions } from './auth.actions';
import { AuthService } from './auth.service';

const messageOf = (error: unknown) =>
  error instanceof Error
    ? error.message
    : typeof error === 'object' && error && 'error' in error
      ? String(error.error)
      : String(error);

@Injectable()
export class AuthEffects {
  private readonly actions$ = inject(Actions);
  private readonly auth = inject(AuthService);

  readonly checkSession$ = createEffect(() =>
    this.actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      switchMap(() =>
        from(this.auth.checkSession()).pipe(
          map((user) => AuthActions.sessionChecked({ user })),
          catchError((error: unknown) =>
            of(
              AuthActions.sessionCheckFailed({
                message: `Sign-in is unavailable: ${messageOf(error) || 'the identity server did not answer'}`,
              }),
            ),
          ),
        ),
      ),
    ),
  );

  readonly signIn$ = createEffect(() =>
    this.actions$.pipe(
      ofType(AuthActions.signInRequested),
      switchMap(() =>
        from(this.auth.signIn()).pipe(
          switchMap(() => EMPTY),
          catchError((error: unknown) => of(AuthActions.redirectFailed({ message: messageOf(error) }))),
        ),
      ),
    ),
  );

  readonly signOut$ = createEffect(() =>
    this.actions$.pipe(
      ofType(AuthActions.signOutRequested),
      switchMap(() =>
        from(this.auth.signOut()).pipe(
          switchMap(() => EMPTY),
          catchError((error: unknown) => of(AuthActions.redirectFailed({ message: messageOf(error) }))),
        ),
      ),
    ),
  );
}
