import { heldReasonText, payoutStage, requirementLabel, type PayoutAccountState } from './payout-account';

const account = (fields: Partial<PayoutAccountState>): PayoutAccountState => ({
  accountId: 'acct_1',
  payoutsEnabled: false,
  detailsSubmitted: false,
  requirementsDue: [],
  transfersEnabled: false,
  ...fields,
});

describe('payout account', () => {
  it('names the onboarding stage', () => {
    expect(payoutStage(null)).toBe('no-account');
    expect(payoutStage(account({ requirementsDue: ['external_account'] }))).toBe('requirements-due');
    expect(payoutStage(account({ detailsSubmitted: true }))).toBe('in-review');
    expect(payoutStage(account({ transfersEnabled: true, payoutsEnabled: true }))).toBe('transfers-enabled');
  });
  it('makes requirement names readable', () => {
    expect(requirementLabel('external_account')).toBe('External account');
    expect(requirementLabel('individual.verification.document')).toBe('Individual: verification, document');
  });
  it("words held funds for the seller, never with the operators' text", () => {
    const operators = 'The seller has no payout account yet';
    expect(heldReasonText({ code: 'NO_PAYOUT_ACCOUNT', reason: operators })).toBe(
      'You have not set up a payout account yet: set up payouts to receive this money.',
    );
    for (const code of [
      'VERIFICATION_PENDING',
      'NOT_APPROVED',
      'SUSPENDED',
      'REJECTED',
      'DISPUTE',
      'SOMETHING_NEW',
    ]) {
      const text = heldReasonText({ code, reason: operators });
      expect(text).not.toMatch(/the seller/i);
      expect(text.length).toBeGreaterThan(10);
    }
  });
});
