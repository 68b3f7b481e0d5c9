import type { BuyerOrderStatus, SellerOrderStatus } from './order.schema';

/** Seller fulfilment steps: which statuses each step may start from. */
export const SELLER_TRANSITIONS = {
  // A partly refunded seller order still ships what the buyer kept.
  fulfilled: ['paid', 'partially_refunded'],
  shipped: ['paid', 'fulfilled', 'partially_refunded'],
  delivered: ['shipped'],
} as const satisfies Record<string, readonly SellerOrderStatus[]>;
export type SellerStep = keyof typeof SELLER_TRANSITIONS;

export function canMove(from: SellerOrderStatus, to: SellerStep): boolean {
  return (SELLER_TRANSITIONS[to] as readonly SellerOrderStatus[]).includes(from);
}

const PROGRESS: readonly SellerOrderStatus[] = [
  'pending_payment',
  'paid',
  'fulfilled',
  'shipped',
  'delivered',
];

/**
 * The buyer order is as far as its slowest live seller order (a buyer sees "shipped" once every seller
 * shipped); when no seller order is live it is refunded if all were refunded, otherwise cancelled.
 */
export function derivedBuyerStatus(sellerStatuses: readonly SellerOrderStatus[]): BuyerOrderStatus {
  const live = sellerStatuses.filter((status) => status !== 'cancelled' && status !== 'refunded');
  if (live.length === 0) {
    return sellerStatuses.length > 0 && sellerStatuses.every((status) => status === 'refunded')
      ? 'refunded'
      : 'cancelled';
  }
  return live.reduce((slowest, status) =>
    PROGRESS.indexOf(status) < PROGRESS.indexOf(slowest) ? status : slowest,
  );
}
