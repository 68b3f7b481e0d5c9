import { createFeature, createReducer, on } from '@ngrx/store';
import { CartActions } from './cart.actions';
import { EMPTY_CART, type Cart } from './cart.models';

export interface CartState {
  cart: Cart;
  /** False until the cart service answered, so the page does not flash "empty". */
  loaded: boolean;
  /** A change is on its way to the cart service. */
  pending: boolean;
  /** What the last change did, announced to the buyer ("Added … to your cart."). */
  notice: string | null;
  error: string | null;
}

export const initialCartState: CartState = {
  cart: EMPTY_CART,
  loaded: false,
  pending: false,
  notice: null,
  error: null,
};

export const cartFeature = createFeature({
  name: 'cart',
  reducer: createReducer(
    initialCartState,
    on(CartActions.loaded, (state, { cart }) => ({ ...state, cart, loaded: true, error: null })),
    on(CartActions.loadFailed, (state, { message }) => ({ ...state, loaded: true, error: message })),
    on(
      CartActions.addRequested,
      CartActions.quantityChangeRequested,
      CartActions.removeRequested,
      (state) => ({ ...state, pending: true, notice: null, error: null }),
    ),
    on(CartActions.updated, (state, { cart, message }) => ({
      ...state,
      cart,
      loaded: true,
      pending: false,
      notice: message ?? null,
      error: null,
    })),
    on(CartActions.updateFailed, (state, { message }) => ({ ...state, pending: false, error: message })),
  ),
});
