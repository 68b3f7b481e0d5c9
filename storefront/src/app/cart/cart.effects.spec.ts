import { TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import { CartActions } from './cart.actions';
import { CART_STORAGE_KEY, CartApi, LocalStorageCartApi } from './cart-api';
import { CartEffects } from './cart.effects';
import { line } from '../testing/fixtures';
import { cartFeature } from './cart.reducer';
import { selectCartLines, selectCartLoaded } from './cart.selectors';

function setup(): Store {
  TestBed.configureTestingModule({
    providers: [
      provideStore({ [cartFeature.name]: cartFeature.reducer }),
      provideEffects(CartEffects),
      { provide: CartApi, useClass: LocalStorageCartApi },
    ],
  });
  return TestBed.inject(Store);
}

describe('CartEffects', () => {
  beforeEach(() => localStorage.clear());

  it('loads the stored cart when the app starts', () => {
    localStorage.setItem(CART_STORAGE_KEY, JSON.stringify([line()]));
    const store = setup();
    expect(store.selectSignal(selectCartLoaded)()).toBe(true);
    expect(store.selectSignal(selectCartLines)()).toEqual([line()]);
  });

  it('persists every change, so the cart survives a reload', () => {
    const store = setup();
    store.dispatch(CartActions.lineAdded({ line: line() }));
    store.dispatch(CartActions.lineAdded({ line: line({ variantId: 'v2', sellerId: 'b' }) }));
    store.dispatch(CartActions.quantityChanged({ variantId: 'v1', quantity: 5 }));
    store.dispatch(CartActions.lineRemoved({ variantId: 'v2' }));
    expect(JSON.parse(localStorage.getItem(CART_STORAGE_KEY) ?? '[]')).toEqual([line({ quantity: 5 })]);
  });

  it('shows a save failure instead of dropping it', () => {
    const store = setup();
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    store.dispatch(CartActions.lineAdded({ line: line() }));
    setItem.mockRestore();
    expect(store.selectSignal(cartFeature.selectError)()).toContain('QuotaExceededError');
  });
});
