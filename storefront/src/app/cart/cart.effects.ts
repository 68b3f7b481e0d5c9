import { isPlatformBrowser } from '@angular/common';
import { inject, Injectable, PLATFORM_ID } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, concatMap, filter, map, of, switchMap, take, type Observable } from 'rxjs';
import { AuthActions } from '../auth/auth.actions';
import { CartActions } from './cart.actions';
import { CartApi } from './cart-api';
import type { Cart } from './cart.models';
import { selectCartLoaded } from './cart.selectors';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

@Injectable()
export class CartEffects {
  private readonly actions$ = inject(Actions);
  private readonly api = inject(CartApi);
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));
  /**
   * Changes wait for the first load: until then it is not known whose cart they belong to (a click right
   * after the page opens would land in a new anonymous cart), and a late load answer would undo them.
   */
  private readonly firstLoadDone$ = inject(Store).select(selectCartLoaded).pipe(filter(Boolean), take(1));

  /**
   * Once the session is known: a buyer who just signed in gets the anonymous cart merged into theirs,
   * everyone else their cart loaded. The server renders every visitor with an empty cart.
   */
  readonly loadWhenSessionKnown$ = createEffect(() =>
    this.actions$.pipe(
      ofType(AuthActions.sessionChecked, AuthActions.sessionCheckFailed),
      filter(() => this.browser),
      switchMap((action) =>
        this.toLoaded('user' in action && action.user ? this.api.mergeAnonymousCart() : this.api.load()),
      ),
    ),
  );

  readonly load$ = createEffect(() =>
    this.actions$.pipe(
      ofType(CartActions.loadRequested),
      switchMap(() => this.toLoaded(this.api.load())),
    ),
  );

  /** Changes go to the cart service one after another, so each answer reflects every earlier change. */
  readonly change$ = createEffect(() =>
    this.actions$.pipe(
      ofType(CartActions.addRequested, CartActions.quantityChangeRequested, CartActions.removeRequested),
      concatMap((action) =>
        this.firstLoadDone$.pipe(
          switchMap(() => {
            switch (action.type) {
              case CartActions.addRequested.type:
                return this.toUpdated(
                  this.api.add(action.productId, action.sku, action.quantity),
                  `Added ${action.title} to your cart.`,
                );
              case CartActions.quantityChangeRequested.type:
                return this.toUpdated(this.api.setQuantity(action.lineId, action.quantity));
              default:
                return this.toUpdated(this.api.remove(action.lineId));
            }
          }),
        ),
      ),
    ),
  );

  private toLoaded(cart$: Observable<Cart>) {
    return cart$.pipe(
      map((cart) => CartActions.loaded({ cart })),
      catchError((error: unknown) => of(CartActions.loadFailed({ message: messageOf(error) }))),
    );
  }

  private toUpdated(cart$: Observable<Cart>, message?: string) {
    return cart$.pipe(
      map((cart) => CartActions.updated({ cart, ...(message ? { message } : {}) })),
      catchError((error: unknown) => of(CartActions.updateFailed({ message: messageOf(error) }))),
    );
  }
}
