import { ObjectKeys } from './object-keys';

describe('object keys', () => {
  it('keeps every object of an owner under the owner prefix', () => {
    const keys = new ObjectKeys('media/');
    expect(keys.original({ kind: 'tenant', tenantId: 't-1' }, 'M1')).toBe('media/tenants/t-1/M1/original');
    expect(keys.variant({ kind: 'buyer', buyerId: 'b-1' }, 'M2', 'thumbnail')).toBe(
      'media/buyers/b-1/M2/thumbnail.webp',
    );
  });
});
