import { payoutStateLabel, requirementLabel } from './payout-account';

describe('payout account (KYC) state', () => {
  it('says each state in words, with how many requirements are due', () => {
    expect(payoutStateLabel({ state: 'NO_ACCOUNT', requirementsDue: [] })).toBe('No payout account yet');
    expect(payoutStateLabel({ state: 'REQUIREMENTS_DUE', requirementsDue: ['external_account'] })).toBe(
      '1 requirement due',
    );
    expect(
      payoutStateLabel({
        state: 'REQUIREMENTS_DUE',
        requirementsDue: ['external_account', 'tos_acceptance.date'],
      }),
    ).toBe('2 requirements due');
    expect(payoutStateLabel({ state: 'IN_REVIEW', requirementsDue: [] })).toBe('Nothing due, in review');
    expect(payoutStateLabel({ state: 'TRANSFERS_ENABLED', requirementsDue: [] })).toBe('Transfers enabled');
  });

  it("names Stripe's requirements in words", () => {
    expect(requirementLabel('individual.verification.document')).toBe('individual verification document');
    expect(requirementLabel('tos_acceptance.date')).toBe('tos acceptance date');
  });
});
