import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { Observable, of } from 'rxjs';
import { MAX_QUANTITY, type CartLine } from './cart.models';

/**
 * Where the cart lives. Today the browser's localStorage; the cart service replaces this behind the same
 * interface (then the effects sync instead of persisting locally).
 */
export abstract class CartApi {
  abstract load(): Observable<CartLine[]>;
  abstract save(lines: CartLine[]): Observable<void>;
}

export const CART_STORAGE_KEY = 'marketplace.cart.v1';

const isLine = (value: unknown): value is CartLine => {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  return (
    ['productId', 'variantId', 'sku', 'title', 'variantLabel', 'sellerId', 'currency'].every(
      (k) => typeof line[k] === 'string',
    ) &&
    (line['sellerName'] === null || typeof line['sellerName'] === 'string') &&
    Number.isInteger(line['unitPriceMinor']) &&
    Number.isInteger(line['quantity']) &&
    (line['quantity'] as number) >= 1 &&
    (line['quantity'] as number) <= MAX_QUANTITY
  );
};

/** Reads what a stored cart holds, keeping only well-formed lines (the storage is editable by anyone). */
export function parseStoredCart(raw: string | null): CartLine[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isLine) : [];
}

@Injectable()
export class LocalStorageCartApi extends CartApi {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;

  load(): Observable<CartLine[]> {
    return of(parseStoredCart(this.storage?.getItem(CART_STORAGE_KEY) ?? null));
  }

  save(lines: CartLine[]): Observable<void> {
    return new Observable<void>((subscriber) => {
      try {
        this.storage?.setItem(CART_STORAGE_KEY, JSON.stringify(lines));
        subscriber.next();
        subscriber.complete();
      } catch (error) {
        subscriber.error(
          new Error(`The cart could not be saved in this browser: ${(error as Error).message}`),
        );
      }
    });
  }
}
