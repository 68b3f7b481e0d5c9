import { z } from 'zod';
import { INVALID_CURSOR_MESSAGE } from '@marketplace/observability';
import { createdAtCursor, opaqueCursor } from './cursor';
import { pageOf } from './graphql/connection';

describe('createdAtCursor', () => {
  it('round-trips a position', () => {
    const position = {
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
      id: 'b1d2c3e4-0000-4000-8000-000000000001',
    };
    expect(createdAtCursor.decode(createdAtCursor.encode(position))).toEqual(position);
  });

  it.each([
    'not-base64-json',
    '%%%',
    Buffer.from('{"createdAt":"yesterday","id":"x"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
    '',
  ])('refuses %p as a ValidationError with one message', (cursor) => {
    expect(() => createdAtCursor.decode(cursor)).toThrow(
      expect.objectContaining({ name: 'ValidationError', message: INVALID_CURSOR_MESSAGE }),
    );
  });
});

describe('opaqueCursor', () => {
  const codec = opaqueCursor(z.object({ sort: z.literal('price'), value: z.number() }));

  it('round-trips what its schema accepts and refuses a cursor made for another schema', () => {
    expect(codec.decode(codec.encode({ sort: 'price', value: 12 }))).toEqual({ sort: 'price', value: 12 });
    const foreign = createdAtCursor.encode({ createdAt: new Date(), id: 'x' });
    expect(() => codec.decode(foreign)).toThrow(INVALID_CURSOR_MESSAGE);
  });
});

describe('pageOf', () => {
  const cursorOf = (n: number) => `c${n}`;

  it('keeps `first` rows and says a next page exists when the extra row was read', () => {
    expect(pageOf([1, 2, 3], 2, cursorOf)).toEqual({
      nodes: [1, 2],
      pageInfo: { hasNextPage: true, endCursor: 'c2' },
    });
  });

  it('answers the last page and the empty page without a next page', () => {
    expect(pageOf([1], 2, cursorOf)).toEqual({
      nodes: [1],
      pageInfo: { hasNextPage: false, endCursor: 'c1' },
    });
    expect(pageOf([], 2, cursorOf)).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
