import { listSelection } from '@marketplace/web-portal';

/** An order as platform admins see it (orders service `AdminOrder`). */
export interface AdminOrder {
  id: string;
  buyerId: string;
  status: string;
  currency: string;
  total: number;
  sagaState: string;
  failureReason: string | null;
  createdAt: string;
  shippingAddress: { name: string; line1: string; postalCode: string; city: string; country: string };
  sellerOrders: AdminSellerOrder[];
}

export interface AdminSellerOrder {
  id: string;
  tenantId: string;
  status: string;
  subtotal: number;
  refundedAmount: number;
  currency: string;
  carrier: string | null;
  trackingNumber: string | null;
  lines: { sku: string; title: string; quantity: number; unitPrice: number }[];
}

export const ORDER_FIELDS = `id buyerId status currency total sagaState failureReason createdAt
  shippingAddress { name line1 postalCode city country }
  sellerOrders { id tenantId status subtotal refundedAmount currency carrier trackingNumber
    lines { sku title quantity unitPrice } }`;

export const FIND_ORDERS = `query FindOrders($orderId: ID, $buyerId: ID, $sellerId: ID, $first: Int, $after: String) {
  orders(orderId: $orderId, buyerId: $buyerId, sellerId: $sellerId, first: $first, after: $after) {
    ${listSelection(ORDER_FIELDS)}
  }
}`;
