import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import { AuthActions } from '../auth/auth.actions';
import { authFeature } from '../auth/auth.reducer';
import { APP_CONFIG, DEFAULT_CONFIG } from '../core/app-config';
import { CartActions } from './cart.actions';
import { CART_TOKEN_KEY, CartApi, GraphqlCartApi } from './cart-api';
import { CartEffects } from './cart.effects';
import { cartFeature } from './cart.reducer';
import { selectCartError, selectCartLoaded, selectItemCount } from './cart.selectors';

const TOKEN = 'abcdefghijklmnopqrstuv';
const answer = (itemCount: number) => ({ itemCount, totals: [], sellers: [] });

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideStore({ [cartFeature.name]: cartFeature.reducer, [authFeature.name]: authFeature.reducer }),
      provideEffects(CartEffects),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
      { provide: CartApi, useClass: GraphqlCartApi },
    ],
  });
  return { store: TestBed.inject(Store), http: TestBed.inject(HttpTestingController) };
}

describe('CartEffects', () => {
  beforeEach(() => localStorage.clear());

  it('loads the anonymous cart once the session is known to be anonymous', () => {
    localStorage.setItem(CART_TOKEN_KEY, TOKEN);
    const { store, http } = setup();
    expect(store.selectSignal(selectCartLoaded)()).toBe(false);
    store.dispatch(AuthActions.sessionChecked({ user: null }));
    http.expectOne('/graphql').flush({ data: { cart: answer(3) } });
    expect(store.selectSignal(selectItemCount)()).toBe(3);
  });

  it('merges the anonymous cart when the buyer has signed in', () => {
    localStorage.setItem(CART_TOKEN_KEY, TOKEN);
    const { store, http } = setup();
    store.dispatch(AuthActions.sessionChecked({ user: { id: 'u1', name: 'Buyer', email: null } }));
    const merge = http.expectOne('/graphql');
    expect(merge.request.body.query).toContain('mergeCart');
    merge.flush({ data: { mergeCart: { cart: answer(5) } } });
    expect(store.selectSignal(selectItemCount)()).toBe(5);
  });

  it('holds a change made before the session is known until the cart is loaded, then adds to that cart', () => {
    const { store, http } = setup();
    store.dispatch(
      CartActions.addRequested({ productId: 'p1', sku: 'SKU-1', quantity: 1, title: 'Linen shirt' }),
    );
    http.expectNone('/graphql');
    store.dispatch(AuthActions.sessionChecked({ user: { id: 'u1', name: 'Buyer', email: null } }));
    http.expectOne('/graphql').flush({ data: { cart: answer(2) } });
    const add = http.expectOne('/graphql');
    expect(add.request.body.query).toContain('addToCart');
    expect(add.request.headers.has('x-cart-token')).toBe(false);
    add.flush({ data: { addToCart: answer(3) } });
    expect(store.selectSignal(selectItemCount)()).toBe(3);
  });

  it('sends changes one after another and shows a refusal', () => {
    localStorage.setItem(CART_TOKEN_KEY, TOKEN);
    const { store, http } = setup();
    store.dispatch(AuthActions.sessionChecked({ user: null }));
    http.expectOne('/graphql').flush({ data: { cart: answer(2) } });
    store.dispatch(CartActions.quantityChangeRequested({ lineId: 'l1', quantity: 4 }));
    store.dispatch(CartActions.removeRequested({ lineId: 'l2' }));
    const first = http.expectOne('/graphql');
    expect(first.request.body.variables).toEqual({ lineId: 'l1', quantity: 4 });
    first.flush({ data: null, errors: [{ message: 'Only 2 left in stock' }] });
    expect(store.selectSignal(selectCartError)()).toBe('Only 2 left in stock');
    const second = http.expectOne('/graphql');
    expect(second.request.body.variables).toEqual({ lineId: 'l2' });
    second.flush({ data: { removeCartLine: answer(0) } });
    expect(store.selectSignal(selectCartError)()).toBeNull();
  });
});
