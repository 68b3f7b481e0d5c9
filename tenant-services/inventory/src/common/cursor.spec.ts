import { decodeCursor, encodeCursor } from './cursor';

describe('stock cursor', () => {
  it('round-trips a position', () => {
    const position = { sku: 'TEE-RED-M', locationId: '01JABCDEFGHJKMNPQRSTVWXYZ0' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    'not-base64-json',
    Buffer.from('{"s":"","l":"x"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
    '',
  ])('refuses %p as a ValidationError', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ name: 'ValidationError' }));
  });
});
