/** The orders service's `sellerDashboard`: figures aggregated over all of the seller's orders. */
export interface SellerDashboard {
  days: number;
  since: string;
  awaitingFulfilment: number;
  figures: CurrencyFigures[];
  ordersByStatus: { status: string; orders: number }[];
  topProducts: { productId: string; title: string; units: number }[];
}

export interface CurrencyFigures {
  currency: string;
  sales: number;
  orders: number;
  averageOrderValue: number;
  refunded: number;
  refundedOrders: number;
  salesByDay: { day: string; sales: number; orders: number }[];
}

export type Range = 1 | 7 | 30;

export const DASHBOARD_FIELDS = `days since awaitingFulfilment
  figures { currency sales orders averageOrderValue refunded refundedOrders salesByDay { day sales orders } }
  ordersByStatus { status orders }
  topProducts { productId title units }`;

/** A seller without sales yet still sees the figures, as zeros in its store's currency. */
export function mainFigures(dashboard: SellerDashboard | null, currency: string): CurrencyFigures {
  return (
    dashboard?.figures[0] ?? {
      currency,
      sales: 0,
      orders: 0,
      averageOrderValue: 0,
      refunded: 0,
      refundedOrders: 0,
      salesByDay: [],
    }
  );
}

/** Chart labels stay readable on a phone: long product titles are cut with an ellipsis. */
export function shortTitle(title: string, max = 24): string {
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
}
