import type { CartLine } from '../cart/cart.models';
import type { Product } from '../catalog/catalog.models';

/** Test data builders shared by the specs. */
export function line(overrides: Partial<CartLine> = {}): CartLine {
  return {
    productId: 'p1',
    variantId: 'v1',
    sku: 'SKU-1',
    title: 'Linen shirt',
    variantLabel: 'Size: M',
    sellerId: 'seller-a',
    sellerName: 'Acme',
    currency: 'EUR',
    unitPriceMinor: 1999,
    quantity: 1,
    ...overrides,
  };
}

export function product(overrides: Partial<Product> = {}): Product {
  return {
    id: '01PRODUCT',
    slug: 'linen-shirt',
    title: 'Linen shirt',
    description: 'Breathable <b>linen</b>.',
    currency: 'EUR',
    minPrice: 2999,
    maxPrice: 3499,
    inStock: true,
    ratingAvg: 4.5,
    images: ['m1', 'm2'],
    seller: { id: 'seller-a' },
    category: { id: 'c1', name: 'Shirts' },
    attributes: [{ name: 'material', value: 'linen' }],
    options: [
      { name: 'Size', values: ['S', 'M', 'L'] },
      { name: 'Colour', values: ['White', 'Blue'] },
    ],
    variants: [
      {
        id: 'v-s-white',
        sku: 'LS-S-W',
        optionValues: [
          { name: 'Size', value: 'S' },
          { name: 'Colour', value: 'White' },
        ],
        priceMinor: 2999,
        compareAtMinor: null,
      },
      {
        id: 'v-m-white',
        sku: 'LS-M-W',
        optionValues: [
          { name: 'Size', value: 'M' },
          { name: 'Colour', value: 'White' },
        ],
        priceMinor: 2999,
        compareAtMinor: 3999,
      },
      {
        id: 'v-l-blue',
        sku: 'LS-L-B',
        optionValues: [
          { name: 'Size', value: 'L' },
          { name: 'Colour', value: 'Blue' },
        ],
        priceMinor: 3499,
        compareAtMinor: null,
      },
    ],
    publishedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}
