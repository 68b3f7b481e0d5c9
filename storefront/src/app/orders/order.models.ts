export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  region?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface OrderLine {
  productId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
  currency: string;
}

/** One seller's part of an order, with its own status and tracking. */
export interface SellerOrder {
  id: string;
  tenantId: string;
  status: string;
  subtotal: number;
  currency: string;
  carrier: string | null;
  trackingNumber: string | null;
  /** The carrier's tracking page (https, checked by the orders service). */
  trackingUrl: string | null;
  lines: OrderLine[];
}

export interface Order {
  id: string;
  status: string;
  currency: string;
  total: number;
  failureReason: string | null;
  shippingAddress: Omit<ShippingAddress, 'line2' | 'region'> & {
    line2: string | null;
    region: string | null;
  };
  sellerOrders: SellerOrder[];
  createdAt: string;
}

/** Checkout's answer: the order and, while its payment is open, what the browser confirms it with. */
export interface CheckoutResult extends Order {
  /** `stripe`: the buyer pays in the Payment Element; `test`: the built-in provider of local runs. */
  paymentProvider: string | null;
  paymentClientSecret: string | null;
  /** Stripe's publishable key (public); never a secret key. */
  paymentPublishableKey: string | null;
}

const STATUS_LABELS: Record<string, string> = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  fulfilled: 'Packed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

/** The buyer-facing name of an order status; unknown statuses are shown as they are. */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}
