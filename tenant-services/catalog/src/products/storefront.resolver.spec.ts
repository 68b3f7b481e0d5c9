import { StorefrontResolver } from './storefront.resolver';
import type { ProductModel } from './product.model';

describe('StorefrontResolver.media', () => {
  it('references each image as a Media entity, in display order', () => {
    const resolver = Object.create(StorefrontResolver.prototype) as StorefrontResolver;
    const product = { images: ['01MEDIAB', '01MEDIAA'] } as ProductModel;
    expect(resolver.media(product)).toEqual([
      { __typename: 'Media', id: '01MEDIAB' },
      { __typename: 'Media', id: '01MEDIAA' },
    ]);
  });

  it('answers an empty list for a product without images', () => {
    const resolver = Object.create(StorefrontResolver.prototype) as StorefrontResolver;
    expect(resolver.media({ images: [] as string[] } as ProductModel)).toEqual([]);
  });
});
