import { randomUUID } from 'node:crypto';
import { hashInvitationToken, newInvitationToken, tenantOfInvitationToken } from './invitation-token';

describe('invitation tokens', () => {
  it('carry their tenant and differ every time', () => {
    const tenantId = randomUUID();
    const first = newInvitationToken(tenantId);
    expect(tenantOfInvitationToken(first)).toBe(tenantId);
    expect(newInvitationToken(tenantId)).not.toBe(first);
  });

  it('are stored as a SHA-256 hex digest, not as themselves', () => {
    const token = newInvitationToken(randomUUID());
    expect(hashInvitationToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInvitationToken(token)).not.toContain(token.split('.')[1]);
  });

  it.each(['', 'abc', `${randomUUID()}.short`, `not-a-uuid-but-36-characters-long-xx.${'a'.repeat(43)}`])(
    'refuses %p as bad input',
    (token) => {
      expect(() => tenantOfInvitationToken(token)).toThrow(
        expect.objectContaining({ name: 'ValidationError' }),
      );
    },
  );
});
