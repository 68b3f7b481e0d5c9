/** The platform's commission on a seller subtotal, rounded half up to a minor unit. */
export function commissionOf(subtotal: number, commissionBps: number): number {
  return Math.round((subtotal * commissionBps) / 10_000);
}

/** What the seller receives for a subtotal: subtotal − commission. */
export function sellerShareOf(subtotal: number, commissionBps: number): number {
  return subtotal - commissionOf(subtotal, commissionBps);
}
