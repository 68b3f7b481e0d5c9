import { ApiError } from '@marketplace/web-portal';

/** The accept token's shape (tenants `invitation-token.ts`): `<tenant id>.<32 random bytes, base64url>`. */
const TOKEN = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/;

/** Why the page cannot offer to accept before asking the server, or '' when the link looks whole. */
export function invitationLinkProblem(token: string | undefined): string {
  if (!token)
    return 'This page opens from the link in your invitation e-mail, and this link carries no invitation.';
  if (!TOKEN.test(token))
    return 'This invitation link is incomplete. Open it again from the e-mail, or copy the whole link into the address bar.';
  return '';
}

/** What a refusal of `acceptInvitation` means for the person holding the link. */
export interface InvitationRefusal {
  kind: 'wrong-account' | 'unverified' | 'used' | 'revoked' | 'expired' | 'member' | 'invalid' | 'failed';
  message: string;
  /** For `wrong-account`: the address the invitation was sent to, to sign in with. */
  invitedEmail: string | null;
}

const SENT_TO = /^This invitation was sent to (\S+?), but you are signed in/;

export function invitationRefusal(error: unknown): InvitationRefusal {
  const message = error instanceof Error ? error.message : String(error);
  const codes = error instanceof ApiError ? error.codes : [];
  const refusal = (kind: InvitationRefusal['kind'], invitedEmail: string | null = null) => ({
    kind,
    message,
    invitedEmail,
  });
  if (codes.includes('FORBIDDEN')) {
    const sentTo = SENT_TO.exec(message);
    if (sentTo) return refusal('wrong-account', sentTo[1]!);
    if (/confirm your e-mail/i.test(message)) return refusal('unverified');
  }
  if (codes.includes('CONFLICT')) {
    if (/already a member/i.test(message)) return refusal('member');
    if (/already used|used or revoked meanwhile/i.test(message)) return refusal('used');
    if (/revoked/i.test(message)) return refusal('revoked');
    if (/expired/i.test(message)) return refusal('expired');
  }
  if (codes.includes('NOT_FOUND') || codes.includes('BAD_USER_INPUT')) return refusal('invalid');
  return refusal('failed');
}
