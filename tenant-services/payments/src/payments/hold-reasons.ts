/**
 * Why money is held, as a stable code the seller portal words for sellers (`reason` is the operators' text, stored on
 * the held transfer when the settlement was refused). The texts come from SettlementService's payout block.
 */
export const HOLD_REASONS = {
  NO_PAYOUT_ACCOUNT: 'The seller has no payout account yet',
  VERIFICATION_PENDING: 'The payout account cannot receive transfers yet (verification pending)',
  NOT_APPROVED: 'The seller is not approved yet',
  SUSPENDED: 'The seller is suspended',
  REJECTED: "The seller's application was rejected",
  DISPUTE: 'Taken back while a buyer’s dispute is open',
} as const;
export type HoldReasonCode = keyof typeof HOLD_REASONS | 'OTHER';

/** The code of a stored hold reason; OTHER for any text this version does not know (older rows, provider texts). */
export function holdReasonCode(reason: string | null): HoldReasonCode {
  const known = Object.entries(HOLD_REASONS).find(([, text]) => text === reason);
  return known ? (known[0] as HoldReasonCode) : 'OTHER';
}
