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
