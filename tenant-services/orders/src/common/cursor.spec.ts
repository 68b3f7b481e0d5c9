import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips a position', () => {
    const position = { createdAt: new Date('2026-03-04T05:06:07.890Z'), id: '01JABCDEFGHJKMNPQRSTVWXYZ0' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['%%%', Buffer.from('{"c":"soon","i":"x"}').toString('base64url'), ''])('refuses %p', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ name: 'ValidationError' }));
  });
});
