import { paginate, unwrap, type components, type MarketplaceClient } from '@marketplace/sdk';

export type SellerOrder = components['schemas']['orders_SellerOrder'];

/** The tenant's seller orders created since midnight UTC: pages newest first and stops at yesterday's. */
export async function listTodaysOrders(api: MarketplaceClient, now = new Date()): Promise<SellerOrder[]> {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const orders: SellerOrder[] = [];
  const all = paginate(async (cursor) =>
    unwrap(
      await api.GET('/api/v1/orders/orders', {
        params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  for await (const order of all) {
    if (Date.parse(order.createdAt) < midnight) break;
    orders.push(order);
  }
  return orders;
}
