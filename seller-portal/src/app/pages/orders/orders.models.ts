export const ORDER_STATUSES = [
  'paid',
  'fulfilled',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
  'pending_payment',
];

export interface SellerOrder {
  id: string;
  status: string;
  subtotal: number;
  currency: string;
  carrier: string | null;
  trackingNumber: string | null;
  createdAt: string;
  shipTo: {
    name: string;
    line1: string;
    line2: string | null;
    postalCode: string;
    city: string;
    region: string | null;
    country: string;
  };
  lines: {
    productId: string;
    sku: string;
    title: string;
    quantity: number;
    unitPrice: number;
    currency: string;
  }[];
}

export const SELLER_ORDER_FIELDS = `id status subtotal currency carrier trackingNumber createdAt
  shipTo { name line1 line2 postalCode city region country }
  lines { productId sku title quantity unitPrice currency }`;

/** "pending_payment" → "Pending payment". */
export function statusLabel(status: string): string {
  const text = status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
