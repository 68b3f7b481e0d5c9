import { platformBalance } from './ledger.repository';

describe('platformBalance', () => {
  it('keeps the commission and what was not transferred, net of refunds and reversals', () => {
    const entries = [
      { kind: 'charge' as const, amount: 10_000 },
      { kind: 'transfer' as const, amount: 5_400 },
      { kind: 'commission' as const, amount: 600 },
      { kind: 'transfer' as const, amount: 3_600 },
      { kind: 'commission' as const, amount: 400 },
      { kind: 'refund' as const, amount: 1_000 },
      { kind: 'transfer_reversal' as const, amount: 900 },
    ];
    // 10 000 − 5 400 − 3 600 − 1 000 + 900: the commission is a memo of what stays, not a second movement.
    expect(platformBalance(entries)).toBe(900);
  });

  it('is zero for no entries', () => {
    expect(platformBalance([])).toBe(0);
  });
});
