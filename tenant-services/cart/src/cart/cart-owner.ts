import { createHash, randomBytes } from 'node:crypto';
import { buyerKey } from '@marketplace/tenancy';
import { z } from 'zod';

/** 128 random bits, base64url: what an anonymous client keeps and sends as `x-cart-token`. */
export const cartTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'must be a cart token from createAnonymousCart');

export function newCartToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Whose cart a request addresses. A buyer's cart is theirs alone: it is the cart of the buyer of the request
 * context (libs/tenancy `buyerKey`), never of a user id passed around; an anonymous cart belongs to its token.
 */
export type CartOwner = { kind: 'buyer' } | { kind: 'anonymous'; token: string };

/**
 * The Redis key of an owner's cart. Anonymous carts are keyed by a hash of the token, so reading Redis
 * does not reveal tokens that would open the carts; the two kinds live in separate key spaces, so no token
 * can name a buyer's cart.
 */
export function cartKey(prefix: string, owner: CartOwner): string {
  if (owner.kind === 'buyer') return buyerKey(prefix);
  return `${prefix}:anon:${createHash('sha256').update(owner.token).digest('hex')}`;
}
