import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips a position', () => {
    const position = {
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
      id: 'b1d2c3e4-0000-4000-8000-000000000001',
    };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    'not-base64-json',
    '%%%',
    Buffer.from('{"c":"yesterday","i":"x"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
    '',
  ])('refuses %p as a ValidationError', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ name: 'ValidationError' }));
  });
});
