import { runWithContext } from '@marketplace/tenancy';
import { cartKey, cartTokenSchema, newCartToken } from './cart-owner';

describe('cart owners', () => {
  it('issues distinct 128-bit tokens that pass the token schema', () => {
    const tokens = new Set(Array.from({ length: 100 }, newCartToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(cartTokenSchema.parse(token)).toBe(token);
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    }
  });

  it('refuses anything else as a token', () => {
    expect(cartTokenSchema.safeParse('0f8fad5b-d9cb-469f-a165-70867728950e').success).toBe(false);
    expect(cartTokenSchema.safeParse('short').success).toBe(false);
  });

  it('keys buyer and anonymous carts in separate spaces and never stores the token itself', () => {
    const token = newCartToken();
    expect(runWithContext({ userId: 'u1' }, () => cartKey('cart', { kind: 'buyer' }))).toBe('cart:buyer:u1');
    const anonymous = cartKey('cart', { kind: 'anonymous', token });
    expect(anonymous).toMatch(/^cart:anon:[0-9a-f]{64}$/);
    expect(anonymous).not.toContain(token);
  });

  it("has no buyer cart outside a signed-in buyer's context", () => {
    expect(() => cartKey('cart', { kind: 'buyer' })).toThrow(
      expect.objectContaining({ name: 'BuyerContextMissingError' }),
    );
  });
});
