import { commissionOf, sellerShareOf } from './commission';

describe('commission', () => {
  it('takes basis points of the subtotal and gives the seller the rest', () => {
    expect(commissionOf(6_000, 1_000)).toBe(600);
    expect(sellerShareOf(6_000, 1_000)).toBe(5_400);
  });

  it('rounds half up to a whole minor unit, and share + commission is always the subtotal', () => {
    expect(commissionOf(1_005, 1_000)).toBe(101);
    for (const [subtotal, bps] of [
      [999, 1_250],
      [1, 5_000],
      [12_345, 333],
    ] as const) {
      expect(commissionOf(subtotal, bps) + sellerShareOf(subtotal, bps)).toBe(subtotal);
    }
  });

  it('handles no commission and full commission', () => {
    expect(sellerShareOf(4_200, 0)).toBe(4_200);
    expect(sellerShareOf(4_200, 10_000)).toBe(0);
  });
});
