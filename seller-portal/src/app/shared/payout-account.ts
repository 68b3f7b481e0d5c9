/** The seller's payout account as the payments service reports it (null before onboarding). */
export interface PayoutAccountState {
  accountId: string;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  transfersEnabled: boolean;
}

export const PAYOUT_ACCOUNT_FIELDS =
  'accountId payoutsEnabled detailsSubmitted requirementsDue transfersEnabled';

export type PayoutStage = 'no-account' | 'requirements-due' | 'in-review' | 'transfers-enabled';

/** Where onboarding stands: transfers enabled, requirements due, or nothing due but not enabled yet. */
export function payoutStage(account: PayoutAccountState | null): PayoutStage {
  if (!account) return 'no-account';
  if (account.transfersEnabled) return 'transfers-enabled';
  return account.requirementsDue.length > 0 ? 'requirements-due' : 'in-review';
}

/** A provider requirement name made readable: "individual.id_number" → "Individual: id number". */
export function requirementLabel(name: string): string {
  const parts = name.split('.').map((part) => part.replace(/_/g, ' '));
  const [first = '', ...rest] = parts;
  const head = first.charAt(0).toUpperCase() + first.slice(1);
  return rest.length === 0 ? head : `${head}: ${rest.join(', ')}`;
}

/**
 * Why part of the balance is held, in the seller's words, from the payments service's code (its `reason` text is
 * written for the platform's operators: "The seller has no payout account yet").
 */
export function heldReasonText(held: { code: string; reason: string }): string {
  switch (held.code) {
    case 'NO_PAYOUT_ACCOUNT':
      return 'You have not set up a payout account yet: set up payouts to receive this money.';
    case 'VERIFICATION_PENDING':
      return 'Your payout account is still being verified: complete onboarding if anything is due.';
    case 'NOT_APPROVED':
      return 'Your store is waiting for approval by the marketplace.';
    case 'SUSPENDED':
      return 'Your store is suspended: contact the marketplace to restore payouts.';
    case 'REJECTED':
      return 'Your store’s application was declined, so payouts are on hold.';
    case 'DISPUTE':
      return 'A buyer opened a dispute: the amount comes back if the dispute is decided for you.';
    default:
      return 'On hold until your store can receive payouts.';
  }
}
