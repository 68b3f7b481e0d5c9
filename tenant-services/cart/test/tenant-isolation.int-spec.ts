import { createTestBuyer, describeTenantIsolation } from '@marketplace/testing';
import { ulid } from 'ulid';
import { CART_FIELDS, CartHarness, type CartView } from './cart-harness';
import { startFixtureCatalog, type FixtureCatalogState } from './fixture-catalog';

let catalog: FixtureCatalogState;

// A cart belongs to a buyer, not to a tenant: the same suite with two buyers as owner and intruder.
describeTenantIsolation<{ lineId: string; sku: string }>({
  service: 'cart (buyer-owned)',
  async start() {
    const fixture = await startFixtureCatalog();
    catalog = fixture.state;
    const cart = await new CartHarness({ CATALOG_URL: fixture.url }).start();
    return {
      gql: (query, variables, token) => cart.gql(query, variables ?? {}, { token }),
      async close() {
        await cart.stop();
        await fixture.app.close();
      },
    };
  },
  async parties() {
    const [a, b] = await Promise.all([createTestBuyer(), createTestBuyer()]);
    return { owner: { token: a.token }, intruder: { token: b.token } };
  },
  async seed(gql, owner) {
    const sku = `SKU-${ulid()}`;
    const productId = ulid();
    catalog.put({
      id: productId,
      tenantId: `tenant-${ulid()}`,
      title: 'Isolation mug',
      status: 'published',
      moderation: 'none',
      currency: 'EUR',
      inStock: true,
      variants: [{ id: ulid(), sku, priceMinor: 1_200 }],
    });
    const added = await gql<{ addToCart: CartView }>(
      `mutation($variant: CartVariantInput!) { addToCart(variant: $variant, quantity: 2) { ${CART_FIELDS} } }`,
      { variant: { productId, sku } },
      owner.token,
    );
    return { lineId: added.data!.addToCart.sellers[0]!.lines[0]!.id, sku };
  },
  ids: ({ lineId, sku }) => [lineId, sku],
  snapshot: async (gql, owner) => (await gql(`{ cart { ${CART_FIELDS} } }`, {}, owner.token)).data,
  operations: [
    {
      name: 'updateCartLine',
      query: 'mutation($lineId: ID!) { updateCartLine(lineId: $lineId, quantity: 9) { itemCount } }',
      variables: ({ lineId }) => ({ lineId }),
    },
    {
      name: 'removeCartLine',
      query: 'mutation($lineId: ID!) { removeCartLine(lineId: $lineId) { itemCount } }',
      variables: ({ lineId }) => ({ lineId }),
    },
    { name: 'cart', query: `{ cart { ${CART_FIELDS} } }`, expect: 'hidden' },
  ],
});
