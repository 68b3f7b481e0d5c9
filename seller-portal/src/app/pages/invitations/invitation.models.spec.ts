import { ApiError } from '@marketplace/web-portal';
import { invitationLinkProblem, invitationRefusal } from './invitation.models';

const token = `0b5f1a9e-6f3c-4d55-9a42-1c2d3e4f5a6b.${'A'.repeat(42)}Q`;

describe('invitation link', () => {
  it('offers to accept a whole link and explains a missing or cut one before asking the server', () => {
    expect(invitationLinkProblem(token)).toBe('');
    expect(invitationLinkProblem(undefined)).toContain('carries no invitation');
    expect(invitationLinkProblem('')).toContain('carries no invitation');
    expect(invitationLinkProblem(token.slice(0, 50))).toContain('incomplete');
    expect(invitationLinkProblem(`${token}<script>`)).toContain('incomplete');
  });
});

describe('invitationRefusal', () => {
  it('names the invited address when another account is signed in', () => {
    const error = new ApiError(
      'This invitation was sent to staff@acme.example.com, but you are signed in as bea@example.com; sign in as staff@acme.example.com to accept it',
      ['FORBIDDEN'],
    );
    expect(invitationRefusal(error)).toEqual({
      kind: 'wrong-account',
      message: error.message,
      invitedEmail: 'staff@acme.example.com',
    });
  });

  it('tells used, revoked, expired, unconfirmed, already-member and unknown invitations apart', () => {
    const kind = (message: string, code: string) => invitationRefusal(new ApiError(message, [code])).kind;
    expect(kind('This invitation was already used; each invitation link works once', 'CONFLICT')).toBe(
      'used',
    );
    expect(kind('This invitation was used or revoked meanwhile', 'CONFLICT')).toBe('used');
    expect(kind("The store's owner revoked this invitation; ask them to invite you again", 'CONFLICT')).toBe(
      'revoked',
    );
    expect(kind('This invitation expired on 2026-01-02 03:04 UTC; ask …', 'CONFLICT')).toBe('expired');
    expect(kind('You are already a member of this organization', 'CONFLICT')).toBe('member');
    expect(kind('Confirm your e-mail address before accepting this invitation', 'FORBIDDEN')).toBe(
      'unverified',
    );
    expect(kind('This invitation link is not valid', 'NOT_FOUND')).toBe('invalid');
    expect(invitationRefusal(new ApiError('The marketplace could not be reached.'))).toMatchObject({
      kind: 'failed',
      message: 'The marketplace could not be reached.',
    });
  });
});
