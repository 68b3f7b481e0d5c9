import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { CART_STORAGE_KEY, LocalStorageCartApi, parseStoredCart } from './cart-api';
import type { CartLine } from './cart.models';

const stored: CartLine = {
  productId: 'p1',
  variantId: 'v1',
  sku: 'SKU-1',
  title: 'Mug',
  variantLabel: '',
  sellerId: 's1',
  sellerName: null,
  currency: 'EUR',
  unitPriceMinor: 900,
  quantity: 2,
};

describe('parseStoredCart', () => {
  it('keeps well-formed lines and drops tampered ones', () => {
    const raw = JSON.stringify([
      stored,
      { ...stored, variantId: 'v2', quantity: -1 },
      { ...stored, unitPriceMinor: '9' },
      'x',
    ]);
    expect(parseStoredCart(raw)).toEqual([stored]);
  });

  it('reads nothing from missing or malformed storage', () => {
    expect(parseStoredCart(null)).toEqual([]);
    expect(parseStoredCart('{not json')).toEqual([]);
    expect(parseStoredCart('{"lines":[]}')).toEqual([]);
  });
});

describe('LocalStorageCartApi', () => {
  beforeEach(() => localStorage.clear());

  it('saves the cart so a reload reads it back', async () => {
    TestBed.configureTestingModule({ providers: [LocalStorageCartApi] });
    const api = TestBed.inject(LocalStorageCartApi);
    await firstValueFrom(api.save([stored]), { defaultValue: undefined });
    expect(JSON.parse(localStorage.getItem(CART_STORAGE_KEY) ?? '[]')).toEqual([stored]);
    expect(await firstValueFrom(api.load())).toEqual([stored]);
  });
});
