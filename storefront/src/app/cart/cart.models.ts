/** One line of the buyer's cart as the cart service holds it, with the price captured when it was added. */
export interface CartLine {
  id: string;
  productId: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  lineTotalMinor: number;
}

export interface Amount {
  amountMinor: number;
  currency: string;
}

/** One seller's lines: they become one seller order at checkout. */
export interface SellerGroup {
  sellerId: string;
  lines: CartLine[];
  /** Computed by the cart service, one entry per currency. */
  subtotals: Amount[];
}

export interface Cart {
  sellers: SellerGroup[];
  totals: Amount[];
  itemCount: number;
}

export const EMPTY_CART: Cart = { sellers: [], totals: [], itemCount: 0 };

export interface PriceChange {
  lineId: string;
  sku: string;
  previousPriceMinor: number;
  currentPriceMinor: number;
  currency: string;
}

export interface UnavailableLine {
  lineId: string;
  sku: string;
  reason: string;
}

/** The cart re-checked against the catalog before checkout. */
export interface CartValidation {
  cart: Cart;
  valid: boolean;
  changedLines: PriceChange[];
  unavailableLines: UnavailableLine[];
}

export const MAX_QUANTITY = 99;
