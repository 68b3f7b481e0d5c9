import { disputeReasonLabel } from './order-payment';

describe('order payment', () => {
  it("says a provider's dispute reason in words", () => {
    expect(disputeReasonLabel('product_not_received')).toBe('Product not received');
    expect(disputeReasonLabel('fraudulent')).toBe('Fraudulent');
    expect(disputeReasonLabel('')).toBe('Not given');
  });
});
