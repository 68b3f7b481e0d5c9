import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { catchError, map, Observable, of, switchMap, throwError } from 'rxjs';
import { Store } from '@ngrx/store';
import { authFeature } from '../auth/auth.reducer';
import { ApiError, GraphqlClient } from '../core/graphql-client';
import { EMPTY_CART, type Cart, type CartValidation } from './cart.models';
import {
  ADD_TO_CART,
  CART,
  CREATE_ANONYMOUS_CART,
  MERGE_CART,
  REMOVE_CART_LINE,
  UPDATE_CART_LINE,
  VALIDATE_CART,
  type RawCart,
  type RawCartValidation,
} from './cart.queries';

/** Where the cart lives: the cart service, for signed-in buyers and anonymous shoppers alike. */
export abstract class CartApi {
  abstract load(): Observable<Cart>;
  abstract add(productId: string, sku: string, quantity: number): Observable<Cart>;
  abstract setQuantity(lineId: string, quantity: number): Observable<Cart>;
  abstract remove(lineId: string): Observable<Cart>;
  /** At sign-in: moves the anonymous cart into the buyer's and forgets its token. */
  abstract mergeAnonymousCart(): Observable<Cart>;
  abstract validate(): Observable<CartValidation>;
}

export const CART_TOKEN_KEY = 'marketplace.cartToken.v1';
export const CART_TOKEN_HEADER = 'x-cart-token';

/**
 * A cart token is what createAnonymousCart issued: 43 base64url characters (22 for carts made before tokens were
 * signed); anything else in storage was tampered with.
 */
export function parseStoredToken(raw: string | null): string | null {
  return raw && /^(?:[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{22})$/.test(raw) ? raw : null;
}

/** The cart service no longer knows the stored token (its cart expired, or it was never issued). */
function isRefusedToken(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNAUTHENTICATED';
}

export function toCart(raw: RawCart): Cart {
  return {
    itemCount: raw.itemCount,
    totals: raw.totals,
    sellers: raw.sellers.map((group) => ({
      sellerId: group.tenantId,
      subtotals: group.subtotals,
      lines: group.lines.map((line) => ({
        id: line.id,
        productId: line.productId,
        variantId: line.variantId,
        sku: line.sku,
        title: line.title,
        quantity: line.quantity,
        unitPriceMinor: line.unitPrice.amountMinor,
        currency: line.unitPrice.currency,
        lineTotalMinor: line.lineTotal.amountMinor,
      })),
    })),
  };
}

export function toValidation(raw: RawCartValidation): CartValidation {
  return {
    valid: raw.valid,
    cart: toCart(raw.cart),
    changedLines: raw.changedLines.map((change) => ({
      lineId: change.lineId,
      sku: change.sku,
      previousPriceMinor: change.previousPrice.amountMinor,
      currentPriceMinor: change.currentPrice.amountMinor,
      currency: change.currentPrice.currency,
    })),
    unavailableLines: raw.unavailableLines,
  };
}

/**
 * The cart service through the GraphQL API. A signed-in buyer's bearer token names their cart (added by the
 * interceptor); an anonymous shopper's cart is named by a token kept in localStorage, created on the first add.
 */
@Injectable()
export class GraphqlCartApi extends CartApi {
  private readonly graphql = inject(GraphqlClient);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;
  private readonly signedIn = inject(Store).selectSignal(authFeature.selectIsAuthenticated);

  load(): Observable<Cart> {
    const token = this.token();
    if (!token && !this.signedIn()) return of(EMPTY_CART);
    return this.graphql.query<{ cart: RawCart }>(CART, {}, this.headers(token)).pipe(
      map((d) => toCart(d.cart)),
      catchError((error: unknown) => {
        if (!token || !isRefusedToken(error)) return throwError(() => error);
        this.storage?.removeItem(CART_TOKEN_KEY);
        return of(EMPTY_CART);
      }),
    );
  }

  add(productId: string, sku: string, quantity: number): Observable<Cart> {
    const addWith = (token: string | null) =>
      this.graphql
        .query<{ addToCart: RawCart }>(ADD_TO_CART, { variant: { productId, sku }, quantity }, this.headers(token))
        .pipe(map((d) => toCart(d.addToCart)));
    return this.cartToken().pipe(
      switchMap((token) =>
        addWith(token).pipe(
          // A token the service refuses opens nothing: start a new cart it issues instead.
          catchError((error: unknown) => {
            if (!token || !isRefusedToken(error)) return throwError(() => error);
            this.storage?.removeItem(CART_TOKEN_KEY);
            return this.cartToken().pipe(switchMap(addWith));
          }),
        ),
      ),
    );
  }

  setQuantity(lineId: string, quantity: number): Observable<Cart> {
    return this.graphql
      .query<{ updateCartLine: RawCart }>(UPDATE_CART_LINE, { lineId, quantity }, this.headers(this.token()))
      .pipe(map((d) => toCart(d.updateCartLine)));
  }

  remove(lineId: string): Observable<Cart> {
    return this.graphql
      .query<{ removeCartLine: RawCart }>(REMOVE_CART_LINE, { lineId }, this.headers(this.token()))
      .pipe(map((d) => toCart(d.removeCartLine)));
  }

  mergeAnonymousCart(): Observable<Cart> {
    const token = this.storedToken();
    if (!token) return this.load();
    return this.graphql.query<{ mergeCart: { cart: RawCart } }>(MERGE_CART, { cartToken: token }).pipe(
      map((d) => {
        this.storage?.removeItem(CART_TOKEN_KEY);
        return toCart(d.mergeCart.cart);
      }),
    );
  }

  validate(): Observable<CartValidation> {
    return this.graphql
      .query<{ validateCart: RawCartValidation }>(VALIDATE_CART, {}, this.headers(this.token()))
      .pipe(map((d) => toValidation(d.validateCart)));
  }

  /** The anonymous cart's token; a signed-in buyer's cart is named by their bearer token instead. */
  private token(): string | null {
    return this.signedIn() ? null : this.storedToken();
  }

  private storedToken(): string | null {
    return parseStoredToken(this.storage?.getItem(CART_TOKEN_KEY) ?? null);
  }

  private headers(token: string | null): Record<string, string> {
    return token ? { [CART_TOKEN_HEADER]: token } : {};
  }

  private cartToken(): Observable<string | null> {
    if (this.signedIn()) return of(null);
    const stored = this.token();
    if (stored) return of(stored);
    return this.graphql.query<{ createAnonymousCart: { token: string } }>(CREATE_ANONYMOUS_CART).pipe(
      map(({ createAnonymousCart }) => {
        this.storage?.setItem(CART_TOKEN_KEY, createAnonymousCart.token);
        return createAnonymousCart.token;
      }),
    );
  }
}
