import { inject, Injectable } from '@angular/core';
import { Actions, createEffect, ofType, ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, EMPTY, map, of, switchMap, withLatestFrom } from 'rxjs';
import { CartActions } from './cart.actions';
import { CartApi } from './cart-api';
import { selectCartLines } from './cart.selectors';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

@Injectable()
export class CartEffects {
  private readonly actions$ = inject(Actions);
  private readonly api = inject(CartApi);
  private readonly store = inject(Store);

  readonly loadOnStart$ = createEffect(() =>
    this.actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      map(() => CartActions.loadRequested()),
    ),
  );

  readonly load$ = createEffect(() =>
    this.actions$.pipe(
      ofType(CartActions.loadRequested),
      switchMap(() =>
        this.api.load().pipe(
          map((lines) => CartActions.loaded({ lines })),
          catchError((error: unknown) => of(CartActions.loadFailed({ message: messageOf(error) }))),
        ),
      ),
    ),
  );

  readonly save$ = createEffect(() =>
    this.actions$.pipe(
      ofType(
        CartActions.lineAdded,
        CartActions.quantityChanged,
        CartActions.lineRemoved,
        CartActions.cleared,
      ),
      withLatestFrom(this.store.select(selectCartLines)),
      switchMap(([, lines]) =>
        this.api.save(lines).pipe(
          switchMap(() => EMPTY),
          catchError((error: unknown) => of(CartActions.saveFailed({ message: messageOf(error) }))),
        ),
      ),
    ),
  );
}
