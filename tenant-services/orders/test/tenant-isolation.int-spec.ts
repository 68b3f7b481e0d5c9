import { createTestBuyer, describeTenantIsolation } from '@marketplace/testing';
import {
  type CheckoutStack,
  line,
  MARK_DELIVERED,
  MARK_FULFILLED,
  MARK_SHIPPED,
  SELLER_ORDER,
  SELLER_ORDERS,
  onboardSeller,
  startCheckoutStack,
  stockUp,
} from './support';

let stack: CheckoutStack;

describeTenantIsolation<{ sellerOrderId: string; buyerOrderId: string }>({
  service: 'orders',
  async start() {
    stack = await startCheckoutStack();
    return { gql: stack.gql, close: () => stack.close() };
  },
  // The owner's seller order of a real checkout by a buyer.
  async seed(_gql, owner) {
    await onboardSeller(stack, owner.token);
    const sku = await stockUp(stack, owner.token, 5);
    const buyer = await createTestBuyer();
    await stack.fillCart(buyer.token, [line({ tenantId: owner.tenantId! }, sku, 1, 1_500)]);
    const placed = await stack.checkout(buyer.token);
    const order = placed.data!.checkout;
    return { sellerOrderId: order.sellerOrders[0].id as string, buyerOrderId: order.id as string };
  },
  ids: ({ sellerOrderId, buyerOrderId }) => [sellerOrderId, buyerOrderId],
  snapshot: async (gql, owner, { sellerOrderId }) =>
    (await gql(SELLER_ORDER, { id: sellerOrderId }, owner.token)).data,
  operations: [
    { name: 'sellerOrder', query: SELLER_ORDER, variables: ({ sellerOrderId }) => ({ id: sellerOrderId }) },
    {
      name: 'markFulfilled',
      query: MARK_FULFILLED,
      variables: ({ sellerOrderId }) => ({ id: sellerOrderId }),
    },
    {
      name: 'markShipped',
      query: MARK_SHIPPED,
      variables: ({ sellerOrderId }) => ({ id: sellerOrderId, carrier: 'DHL', trackingNumber: 'TRACK-1' }),
    },
    {
      name: 'markDelivered',
      query: MARK_DELIVERED,
      variables: ({ sellerOrderId }) => ({ id: sellerOrderId }),
    },
    {
      name: 'createRefund',
      query: 'mutation($input: CreateRefundInput!) { createRefund(input: $input) { id status } }',
      variables: ({ sellerOrderId }) => ({
        input: { sellerOrderId, amount: 100, reason: 'not mine', idempotencyKey: 'isolation-refund-1' },
      }),
    },
    { name: 'sellerOrders', query: SELLER_ORDERS, variables: () => ({ first: 100 }), expect: 'hidden' },
  ],
});
