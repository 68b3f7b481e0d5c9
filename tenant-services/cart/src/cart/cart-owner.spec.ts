import { runWithContext } from '@marketplace/tenancy';
import { CartTokens, cartKey, cartTokenSchema } from './cart-owner';

const tokens = new CartTokens('cart-owner-spec-key');
const newCartToken = () => tokens.issue();

describe('cart owners', () => {
  it('issues distinct tokens of 128 random bits and a 128-bit MAC that pass the token schema', () => {
    const issued = new Set(Array.from({ length: 100 }, newCartToken));
    expect(issued.size).toBe(100);
    for (const token of issued) {
      expect(cartTokenSchema.parse(token)).toBe(token);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(tokens.classify(token)).toBe('issued');
    }
  });

  it('tells issued tokens from forged ones and from unsigned tokens of before', () => {
    const token = newCartToken();
    const bytes = Buffer.from(token, 'base64url');
    bytes[31]! ^= 1;
    expect(tokens.classify(bytes.toString('base64url'))).toBe('forged');
    expect(new CartTokens('another-key').classify(token)).toBe('forged');
    expect(tokens.classify(bytes.subarray(0, 16).toString('base64url'))).toBe('legacy');
  });

  it('refuses another spelling of an issued token (the spare bits of its last character changed)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < 20; i++) {
      const token = newCartToken();
      const last = alphabet.indexOf(token.at(-1)!);
      const respelled = `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
      expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(token, 'base64url'))).toBe(true);
      expect(tokens.classify(respelled)).toBe('forged');
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
