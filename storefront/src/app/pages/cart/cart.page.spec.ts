import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideStore, Store } from '@ngrx/store';
import { CartActions } from '../../cart/cart.actions';
import { cartFeature } from '../../cart/cart.reducer';
import { selectCartLines } from '../../cart/cart.selectors';
import { APP_CONFIG, DEFAULT_CONFIG } from '../../core/app-config';
import { line } from '../../testing/fixtures';
import { CartPage } from './cart.page';

function render() {
  TestBed.configureTestingModule({
    imports: [CartPage],
    providers: [
      provideRouter([]),
      provideStore({ [cartFeature.name]: cartFeature.reducer }),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
    ],
  });
  const store = TestBed.inject(Store);
  const fixture = TestBed.createComponent(CartPage);
  return { store, fixture, element: fixture.nativeElement as HTMLElement };
}

describe('CartPage', () => {
  it('says the cart is empty once it is loaded', async () => {
    const { store, fixture, element } = render();
    store.dispatch(CartActions.loaded({ lines: [] }));
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="cart-empty"]')?.textContent).toContain('Your cart is empty');
  });

  it('groups lines by seller with subtotals and a total', async () => {
    const { store, fixture, element } = render();
    store.dispatch(
      CartActions.loaded({
        lines: [
          line({ variantId: 'a1', sellerId: 'a', sellerName: 'Acme', unitPriceMinor: 1000, quantity: 2 }),
          line({ variantId: 'b1', sellerId: 'b', sellerName: 'Nordic', title: 'Lamp', unitPriceMinor: 4500 }),
        ],
      }),
    );
    await fixture.whenStable();
    const groups = element.querySelectorAll('[data-testid="seller-group"]');
    expect(groups).toHaveLength(2);
    expect(groups[0]?.querySelector('h2')?.textContent).toContain('Acme');
    expect(groups[0]?.querySelector('[data-testid="seller-subtotal"]')?.textContent).toContain('€20.00');
    expect(groups[1]?.querySelector('[data-testid="seller-subtotal"]')?.textContent).toContain('€45.00');
    expect(element.querySelector('[data-testid="cart-total"]')?.textContent).toContain('€65.00');
  });

  it('changes a quantity, ignores an invalid one, and removes a line', async () => {
    const { store, fixture, element } = render();
    store.dispatch(
      CartActions.loaded({ lines: [line({ variantId: 'a1' }), line({ variantId: 'a2', title: 'Scarf' })] }),
    );
    await fixture.whenStable();
    const input = element.querySelector<HTMLInputElement>('[data-testid="quantity"]')!;
    input.value = '3';
    input.dispatchEvent(new Event('change'));
    input.value = '0';
    input.dispatchEvent(new Event('change'));
    expect(store.selectSignal(selectCartLines)()[0]?.quantity).toBe(3);
    element.querySelector<HTMLButtonElement>('button[aria-label="Remove Scarf"]')!.click();
    expect(
      store
        .selectSignal(selectCartLines)()
        .map((l) => l.variantId),
    ).toEqual(['a1']);
  });
});
