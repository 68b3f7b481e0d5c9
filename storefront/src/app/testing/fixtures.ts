import type { Cart, CartLine } from '../cart/cart.models';
import type { Product } from '../catalog/catalog.models';

/** Test data builders shared by the specs. */
export function line(overrides: Partial<CartLine> = {}): CartLine {
  const base: CartLine = {
    id: '01LINE',
    productId: 'p1',
    variantId: 'v1',
    sku: 'SKU-1',
    title: 'Linen shirt',
    quantity: 1,
    unitPriceMinor: 1999,
    currency: 'EUR',
    lineTotalMinor: 1999,
    ...overrides,
  };
  return { ...base, lineTotalMinor: overrides.lineTotalMinor ?? base.unitPriceMinor * base.quantity };
}

/** A cart as the cart service answers it: lines grouped by seller, sums computed. */
export function cart(groups: { sellerId: string; lines: CartLine[] }[]): Cart {
  const sum = (lines: CartLine[]) => lines.reduce((total, l) => total + l.lineTotalMinor, 0);
  const all = groups.flatMap((g) => g.lines);
  return {
    sellers: groups.map((g) => ({
      sellerId: g.sellerId,
      lines: g.lines,
      subtotals: [{ amountMinor: sum(g.lines), currency: 'EUR' }],
    })),
    totals: all.length ? [{ amountMinor: sum(all), currency: 'EUR' }] : [],
    itemCount: all.reduce((n, l) => n + l.quantity, 0),
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
    ratingCount: 2,
    images: ['m1', 'm2'],
    imageAlts: ['Linen shirt in blue, front', ''],
    media: [
      {
        id: 'm1',
        variants: [
          { name: 'thumbnail', url: 'https://media.example/m1-t.webp', width: 200, height: 150 },
          { name: 'medium', url: 'https://media.example/m1-m.webp', width: 800, height: 600 },
        ],
      },
      { id: 'm2', variants: [] },
    ],
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
