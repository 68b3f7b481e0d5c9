import { payoutStage, requirementLabel, type PayoutAccountState } from './payout-account';

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
});
