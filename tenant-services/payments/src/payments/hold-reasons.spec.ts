import { toPayoutBalances } from '../payout-issues/seller-balance.model';
import { HOLD_REASONS, holdReasonCode } from './hold-reasons';

describe('hold reason codes', () => {
  it('codes every reason the settlement stores, and OTHER for any other text', () => {
    for (const [code, text] of Object.entries(HOLD_REASONS)) expect(holdReasonCode(text)).toBe(code);
    expect(holdReasonCode('Stripe said no')).toBe('OTHER');
    expect(holdReasonCode(null)).toBe('OTHER');
  });

  it('gives each held entry of a balance its code, disputes included', () => {
    const [eur] = toPayoutBalances(
      [{ currency: 'EUR', balance: 5_000 }],
      [{ currency: 'EUR', amount: 3_000, transfers: 2, reason: HOLD_REASONS.SUSPENDED }],
      [{ currency: 'EUR', amount: 1_000, count: 1 }],
    );
    expect(eur!.heldFunds.map((h) => h.code)).toEqual(['SUSPENDED', 'DISPUTE']);
  });
});
