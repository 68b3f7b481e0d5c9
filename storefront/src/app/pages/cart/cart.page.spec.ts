import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ActionsSubject, provideStore, Store } from '@ngrx/store';
import { CartActions } from '../../cart/cart.actions';
import { cartFeature } from '../../cart/cart.reducer';
import { APP_CONFIG, DEFAULT_CONFIG } from '../../core/app-config';
import { cart, line } from '../../testing/fixtures';
import { expectOperation } from '../../testing/graphql-requests';
import { CartPage } from './cart.page';

function render() {
  TestBed.configureTestingModule({
    imports: [CartPage],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideStore({ [cartFeature.name]: cartFeature.reducer }),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
    ],
  });
  const store = TestBed.inject(Store);
  const fixture = TestBed.createComponent(CartPage);
  const http = TestBed.inject(HttpTestingController);
  return { store, http, fixture, element: fixture.nativeElement as HTMLElement };
}

describe('CartPage', () => {
  it('says the cart is empty once it is loaded', async () => {
    const { store, fixture, element } = render();
    store.dispatch(CartActions.loaded({ cart: cart([]) }));
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="cart-empty"]')?.textContent).toContain('Your cart is empty');
  });

  it('shows the lines grouped by seller, named, with the subtotals and total of the cart service', async () => {
    const { store, http, fixture, element } = render();
    store.dispatch(
      CartActions.loaded({
        cart: cart([
          { sellerId: 'aaaaaaaa-1', lines: [line({ id: 'a1', unitPriceMinor: 1000, quantity: 2 })] },
          { sellerId: 'bbbbbbbb-2', lines: [line({ id: 'b1', title: 'Lamp', unitPriceMinor: 4500 })] },
        ]),
      }),
    );
    await fixture.whenStable();
    expectOperation(http, 'SellerNames').flush({ data: { s0: { name: 'Acme Outfitters' }, s1: null } });
    await fixture.whenStable();
    const groups = element.querySelectorAll('[data-testid="seller-group"]');
    expect(groups).toHaveLength(2);
    expect(groups[0]?.querySelector('h2')?.textContent?.trim()).toBe('From Acme Outfitters');
    // A seller the directory does not know is still told apart by its id.
    expect(groups[1]?.querySelector('h2')?.textContent?.trim()).toBe('From Seller bbbbbbbb');
    expect(groups[0]?.querySelector('[data-testid="seller-subtotal"]')?.textContent).toContain('€20.00');
    expect(groups[1]?.querySelector('[data-testid="seller-subtotal"]')?.textContent).toContain('€45.00');
    expect(element.querySelector('[data-testid="cart-total"]')?.textContent).toContain('€65.00');
    expect(element.querySelector('[data-testid="checkout-link"]')?.getAttribute('href')).toBe('/checkout');
  });

  it('asks the cart service to change a quantity, ignores an invalid one, and removes a line', async () => {
    const { store, fixture, element } = render();
    const dispatched: string[] = [];
    store.dispatch(
      CartActions.loaded({
        cart: cart([{ sellerId: 'a', lines: [line({ id: 'a1' }), line({ id: 'a2', title: 'Scarf' })] }]),
      }),
    );
    await fixture.whenStable();
    const subscription = TestBed.inject(ActionsSubject).subscribe((action) =>
      dispatched.push(JSON.stringify(action)),
    );
    const input = element.querySelector<HTMLInputElement>('[data-testid="quantity"]')!;
    input.value = '3';
    input.dispatchEvent(new Event('change'));
    input.value = '0';
    input.dispatchEvent(new Event('change'));
    element.querySelector<HTMLButtonElement>('button[aria-label="Remove Scarf"]')!.click();
    subscription.unsubscribe();
    expect(dispatched.slice(1)).toEqual([
      JSON.stringify(CartActions.quantityChangeRequested({ lineId: 'a1', quantity: 3 })),
      JSON.stringify(CartActions.removeRequested({ lineId: 'a2' })),
    ]);
  });
});
