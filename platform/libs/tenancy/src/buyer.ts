import { BuyerContextMissingError } from './errors';
import { currentContext } from './request-context';

/**
 * The buyer who owns the data of the current unit of work: the verified user of the request. Buyer data (orders,
 * review photos, carts) belongs to a user, not to a tenant, and is scoped by that user the way tenant data is
 * scoped by the tenant.
 */
export function requireBuyerId(): string {
  const userId = currentContext()?.userId;
  if (!userId) throw new BuyerContextMissingError();
  return userId;
}

/** The key of the context buyer's record in a key-value store (`<prefix>:buyer:<userId>`), e.g. a Redis cart. */
export function buyerKey(prefix: string): string {
  return `${buyerKeysPrefix(prefix)}${requireBuyerId()}`;
}

/**
 * What every buyer's key under `prefix` starts with: for work across all buyers' records that no request scopes
 * (a deleted seller's lines taken out of every cart).
 */
export function buyerKeysPrefix(prefix: string): string {
  return `${prefix}:buyer:`;
}
