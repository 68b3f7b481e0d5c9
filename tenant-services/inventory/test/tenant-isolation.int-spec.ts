import { describeTenantIsolation } from '@marketplace/testing';
import { SET_STOCK, startInventoryApp, STOCK_LEVELS, uniqueSku } from './support';

interface Seeded {
  sku: string;
  locationId: string;
}

describeTenantIsolation<Seeded>({
  service: 'inventory',
  async start() {
    const app = await startInventoryApp();
    return { gql: app.gql, close: () => app.close() };
  },
  async seed(gql, owner) {
    const sku = uniqueSku('ISO');
    const set = await gql<{ setStock: Seeded }>(
      SET_STOCK,
      { input: { sku, onHand: 5, reason: 'isolation seed', lowStockThreshold: 10 } },
      owner.token,
    );
    return { sku, locationId: set.data!.setStock.locationId };
  },
  ids: ({ sku, locationId }) => [sku, locationId],
  snapshot: async (gql, owner, { sku }) => (await gql(STOCK_LEVELS, { first: 50, sku }, owner.token)).data,
  operations: [
    {
      name: 'setStock at the owner location',
      query: SET_STOCK,
      variables: ({ sku, locationId }) => ({ input: { sku, locationId, onHand: 0, reason: 'intruder' } }),
    },
    {
      name: 'adjustStock at the owner location',
      query: 'mutation($input: AdjustStockInput!) { adjustStock(input: $input) { sku } }',
      variables: ({ sku, locationId }) => ({ input: { sku, locationId, delta: -1, reason: 'intruder' } }),
    },
    {
      name: 'stockLevels',
      query: STOCK_LEVELS,
      variables: ({ sku }) => ({ first: 50, sku }),
      expect: 'hidden',
    },
    {
      name: 'stockAdjustments',
      query: 'query($sku: String!) { stockAdjustments(sku: $sku) { sku locationId } }',
      variables: ({ sku }) => ({ sku }),
      expect: 'hidden',
    },
    { name: 'stockLocations', query: '{ stockLocations { id } }', expect: 'hidden' },
    {
      name: 'lowStock',
      query: '{ lowStock(first: 200) { nodes { sku available threshold } } }',
      expect: 'hidden',
    },
  ],
});
