import type { CatalogProduct } from './catalog.client';
import { describeUnavailable, variantAvailability } from './variant-availability';

const product: CatalogProduct = {
  id: 'p1',
  tenantId: 't1',
  title: 'Shirt',
  status: 'PUBLISHED',
  moderation: 'NONE',
  currency: 'EUR',
  inStock: true,
  categoryId: 'c-shirts',
  variants: [{ id: 'v1', sku: 'S-1', priceMinor: 1250 }],
};

describe('variantAvailability', () => {
  it('offers a published, in-stock variant with its price, seller and category', () => {
    expect(variantAvailability(product, 'S-1')).toEqual({
      available: true,
      variantId: 'v1',
      priceMinor: 1250,
      currency: 'EUR',
      title: 'Shirt',
      tenantId: 't1',
      categoryId: 'c-shirts',
    });
  });

  it.each([
    ['missing', null, 'S-1', 'not-for-sale'],
    ['draft', { ...product, status: 'DRAFT' }, 'S-1', 'not-for-sale'],
    ['archived', { ...product, status: 'ARCHIVED' }, 'S-1', 'not-for-sale'],
    ['removed by moderation', { ...product, moderation: 'REMOVED' }, 'S-1', 'not-for-sale'],
    ['unknown sku', product, 'S-2', 'unknown-sku'],
    ['out of stock', { ...product, inStock: false }, 'S-1', 'out-of-stock'],
  ] as const)('refuses a %s product', (_case, candidate, sku, reason) => {
    expect(variantAvailability(candidate, sku)).toEqual({ available: false, reason });
  });

  it('explains each refusal naming the product', () => {
    expect(describeUnavailable('unknown-sku', 'p1', 'S-2')).toBe('Product p1 has no variant with SKU S-2');
    expect(describeUnavailable('not-for-sale', 'p1', 'S-1')).toContain('not published');
    expect(describeUnavailable('out-of-stock', 'p1', 'S-1')).toBe('Product p1 is out of stock');
  });
});
