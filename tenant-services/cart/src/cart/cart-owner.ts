import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { buyerKey, buyerKeysPrefix } from '@marketplace/tenancy';
import { z } from 'zod';

/**
 * What an anonymous client keeps and sends as `x-cart-token`: 128 random bits and a 128-bit HMAC over them
 * (base64url, 43 characters), so only tokens this service issued open a cart. Tokens issued before carried the
 * random part alone (22 characters); one of those still names its cart while that cart exists.
 */
export const cartTokenSchema = z
  .string()
  .regex(/^(?:[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{22})$/, 'must be a cart token from createAnonymousCart');

const RANDOM_BYTES = 16;
const MAC_BYTES = 16;

/** Issues anonymous cart tokens and tells an issued one from a forged one (`CART_TOKEN_KEY`). */
export class CartTokens {
  constructor(private readonly key: string) {}

  issue(): string {
    const random = randomBytes(RANDOM_BYTES);
    return Buffer.concat([random, this.mac(random)]).toString('base64url');
  }

  /** `issued` by this service, `legacy` (random part only, from before tokens were signed) or `forged`. */
  classify(token: string): 'issued' | 'legacy' | 'forged' {
    const bytes = Buffer.from(token, 'base64url');
    // The last character carries spare bits that decoding ignores; carts are keyed by the token's text, so only
    // the one canonical spelling of the bytes names a cart.
    if (bytes.toString('base64url') !== token) return 'forged';
    if (bytes.length === RANDOM_BYTES) return 'legacy';
    if (bytes.length !== RANDOM_BYTES + MAC_BYTES) return 'forged';
    const expected = this.mac(bytes.subarray(0, RANDOM_BYTES));
    return timingSafeEqual(expected, bytes.subarray(RANDOM_BYTES)) ? 'issued' : 'forged';
  }

  private mac(random: Buffer): Buffer {
    return createHmac('sha256', this.key)
      .update('cart-token:')
      .update(random)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}

/**
 * Whose cart a request addresses. A buyer's cart is theirs alone: it is the cart of the buyer of the request
 * context (libs/tenancy `buyerKey`), never of a user id passed around; an anonymous cart belongs to its token.
 */
export type CartOwner = { kind: 'buyer' } | { kind: 'anonymous'; token: string };

const anonymousKeysPrefix = (prefix: string) => `${prefix}:anon:`;

/**
 * The Redis key of an owner's cart. Anonymous carts are keyed by a hash of the token, so reading Redis
 * does not reveal tokens that would open the carts; the two kinds live in separate key spaces, so no token
 * can name a buyer's cart.
 */
export function cartKey(prefix: string, owner: CartOwner): string {
  if (owner.kind === 'buyer') return buyerKey(prefix);
  return `${anonymousKeysPrefix(prefix)}${createHash('sha256').update(owner.token).digest('hex')}`;
}

/** What every cart key starts with, buyers' and anonymous (their companion keys start with a brace). */
export function cartKeyPrefixes(prefix: string): string[] {
  return [buyerKeysPrefix(prefix), anonymousKeysPrefix(prefix)];
}

/**
 * The orders already taken out of a cart (`removeOrderedLines`): a sorted set of order ids by time. Its name holds
 * the cart key as a hash tag, so both keys share one hash slot and one script changes both (a cart key has no
 * braces: the key prefix refuses them and user ids and token hashes have none).
 */
export function orderedKey(cartKeyOfOwner: string): string {
  return `{${cartKeyOfOwner}}:ordered`;
}
