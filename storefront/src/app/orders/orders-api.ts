import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { GraphqlClient } from '../core/graphql-client';
import type { CheckoutResult, Order, ShippingAddress } from './order.models';

const ORDER_FIELDS = `
  id status currency total failureReason createdAt
  shippingAddress { name line1 line2 postalCode city region country }
  sellerOrders {
    id tenantId status subtotal currency carrier trackingNumber trackingUrl
    lines { productId sku title quantity unitPrice currency }
  }
`;

const CHECKOUT = `
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) { ${ORDER_FIELDS} paymentProvider paymentClientSecret paymentPublishableKey }
  }
`;
const MY_ORDERS = `query MyOrders($first: Int!) { myOrders(first: $first) { nodes { ${ORDER_FIELDS} } } }`;
const MY_ORDER = `query MyOrder($id: ID!) { myOrder(id: $id) { ${ORDER_FIELDS} } }`;

/** The signed-in buyer's orders (the bearer token names the buyer). */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly graphql = inject(GraphqlClient);

  /** Places the order of the buyer's cart; repeating the same key returns the same order. */
  checkout(idempotencyKey: string, shippingAddress: ShippingAddress): Observable<CheckoutResult> {
    return this.graphql
      .query<{ checkout: CheckoutResult }>(CHECKOUT, { input: { idempotencyKey, shippingAddress } })
      .pipe(map((d) => d.checkout));
  }

  myOrders(first = 20): Observable<Order[]> {
    return this.graphql
      .query<{ myOrders: { nodes: Order[] } }>(MY_ORDERS, { first })
      .pipe(map((d) => d.myOrders.nodes));
  }

  myOrder(id: string): Observable<Order> {
    return this.graphql.query<{ myOrder: Order }>(MY_ORDER, { id }).pipe(map((d) => d.myOrder));
  }
}
