import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideStore, Store } from '@ngrx/store';
import { firstValueFrom } from 'rxjs';
import { AuthActions } from '../auth/auth.actions';
import { authFeature } from '../auth/auth.reducer';
import { APP_CONFIG, DEFAULT_CONFIG } from '../core/app-config';
import { CART_TOKEN_KEY, GraphqlCartApi, parseStoredToken } from './cart-api';
import type { RawCart } from './cart.queries';

const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';
const FRESH_TOKEN = 'QPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba';

const rawCart: RawCart = {
  itemCount: 2,
  totals: [{ amountMinor: 1800, currency: 'EUR' }],
  sellers: [
    {
      tenantId: 'seller-a',
      subtotals: [{ amountMinor: 1800, currency: 'EUR' }],
      lines: [
        {
          id: 'l1',
          productId: 'p1',
          variantId: 'v1',
          sku: 'MUG-1',
          title: 'Mug',
          quantity: 2,
          unitPrice: { amountMinor: 900, currency: 'EUR' },
          lineTotal: { amountMinor: 1800, currency: 'EUR' },
        },
      ],
    },
  ],
};

function setup(signedIn = false) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideStore({ [authFeature.name]: authFeature.reducer }),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
      GraphqlCartApi,
    ],
  });
  if (signedIn)
    TestBed.inject(Store).dispatch(
      AuthActions.sessionChecked({ user: { id: 'u1', name: 'Buyer', email: null } }),
    );
  return { api: TestBed.inject(GraphqlCartApi), http: TestBed.inject(HttpTestingController) };
}

describe('GraphqlCartApi', () => {
  beforeEach(() => localStorage.clear());

  it('asks nothing for an anonymous visitor without a cart', async () => {
    const { api, http } = setup();
    expect(await firstValueFrom(api.load())).toEqual({ sellers: [], totals: [], itemCount: 0 });
    http.verify();
  });

  it('creates an anonymous cart on the first add, keeps its token and sends it as x-cart-token', async () => {
    const { api, http } = setup();
    const added = firstValueFrom(api.add('p1', 'MUG-1', 2));
    http.expectOne('/graphql').flush({ data: { createAnonymousCart: { token: TOKEN } } });
    const add = http.expectOne('/graphql');
    expect(add.request.headers.get('x-cart-token')).toBe(TOKEN);
    expect(add.request.body.variables).toEqual({ variant: { productId: 'p1', sku: 'MUG-1' }, quantity: 2 });
    add.flush({ data: { addToCart: rawCart } });
    const cart = await added;
    expect(localStorage.getItem(CART_TOKEN_KEY)).toBe(TOKEN);
    expect(cart.sellers[0]).toMatchObject({ sellerId: 'seller-a', subtotals: [{ amountMinor: 1800 }] });
    expect(cart.sellers[0]?.lines[0]).toMatchObject({ id: 'l1', unitPriceMinor: 900, lineTotalMinor: 1800 });

    const reloaded = firstValueFrom(api.load());
    const load = http.expectOne('/graphql');
    expect(load.request.headers.get('x-cart-token')).toBe(TOKEN);
    load.flush({ data: { cart: rawCart } });
    expect((await reloaded).itemCount).toBe(2);
  });

  it('forgets a token the cart service refuses and adds to a new cart it issues', async () => {
    localStorage.setItem(CART_TOKEN_KEY, TOKEN);
    const { api, http } = setup();
    const added = firstValueFrom(api.add('p1', 'MUG-1', 1));
    const refused = http.expectOne('/graphql');
    expect(refused.request.headers.get('x-cart-token')).toBe(TOKEN);
    refused.flush({ data: null, errors: [{ message: 'Unknown cart token', extensions: { code: 'UNAUTHENTICATED' } }] });
    http.expectOne('/graphql').flush({ data: { createAnonymousCart: { token: FRESH_TOKEN } } });
    const retried = http.expectOne('/graphql');
    expect(retried.request.headers.get('x-cart-token')).toBe(FRESH_TOKEN);
    retried.flush({ data: { addToCart: rawCart } });
    expect((await added).itemCount).toBe(2);
    expect(localStorage.getItem(CART_TOKEN_KEY)).toBe(FRESH_TOKEN);
  });

  it('shows an empty cart and forgets the token when the cart service no longer knows it', async () => {
    localStorage.setItem(CART_TOKEN_KEY, TOKEN);
    const { api, http } = setup();
    const loaded = firstValueFrom(api.load());
    http.expectOne('/graphql').flush({ data: null, errors: [{ message: 'Unknown cart token', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await loaded).toEqual({ sellers: [], totals: [], itemCount: 0 });
    expect(localStorage.getItem(CART_TOKEN_KEY)).toBeNull();
  });

  it('merges the anonymous cart at sign-in and forgets its token', async () => {
    localStorage.setItem(CART_TOKEN_KEY, TOKEN);
    const { api, http } = setup(true);
    const merged = firstValueFrom(api.mergeAnonymousCart());
    const request = http.expectOne('/graphql');
    expect(request.request.body.variables).toEqual({ cartToken: TOKEN });
    expect(request.request.headers.has('x-cart-token')).toBe(false);
    request.flush({ data: { mergeCart: { cart: rawCart } } });
    expect((await merged).itemCount).toBe(2);
    expect(localStorage.getItem(CART_TOKEN_KEY)).toBeNull();
  });

  it('keeps the token when the merge is refused, so the anonymous cart is not lost', async () => {
    localStorage.setItem(CART_TOKEN_KEY, TOKEN);
    const { api, http } = setup(true);
    const merged = firstValueFrom(api.mergeAnonymousCart());
    http.expectOne('/graphql').flush({ data: null, errors: [{ message: 'Your cart is in USD' }] });
    await expect(merged).rejects.toThrow('Your cart is in USD');
    expect(localStorage.getItem(CART_TOKEN_KEY)).toBe(TOKEN);
  });

  it('reports changed prices and unavailable lines from validateCart', async () => {
    const { api, http } = setup(true);
    const validation = firstValueFrom(api.validate());
    http.expectOne('/graphql').flush({
      data: {
        validateCart: {
          valid: false,
          cart: rawCart,
          changedLines: [
            {
              lineId: 'l1',
              sku: 'MUG-1',
              previousPrice: { amountMinor: 800, currency: 'EUR' },
              currentPrice: { amountMinor: 900, currency: 'EUR' },
            },
          ],
          unavailableLines: [{ lineId: 'l2', sku: 'LAMP', reason: 'out of stock' }],
        },
      },
    });
    expect(await validation).toMatchObject({
      valid: false,
      changedLines: [{ lineId: 'l1', previousPriceMinor: 800, currentPriceMinor: 900, currency: 'EUR' }],
      unavailableLines: [{ sku: 'LAMP', reason: 'out of stock' }],
    });
  });
});

describe('parseStoredToken', () => {
  it('accepts only a well-formed cart token', () => {
    expect(parseStoredToken(TOKEN)).toBe(TOKEN);
    expect(parseStoredToken('abcdefghijklmnopqrstuv')).toBe('abcdefghijklmnopqrstuv');
    expect(parseStoredToken('short')).toBeNull();
    expect(parseStoredToken('"><script>alert(1)</script>')).toBeNull();
    expect(parseStoredToken(null)).toBeNull();
  });
});
