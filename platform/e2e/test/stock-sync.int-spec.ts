import {
  dataOf,
  errorCodeOf,
  Marketplace,
  startPlatform,
  type RunningPlatform,
  type StockedProduct,
  type TestUser,
  BOOT_TIMEOUT_MS,
} from '../src';
import { waitFor } from '@marketplace/testing';

/** The promise: inventory's stock changes reach the catalog and buyer search within a second. */
const SYNC_DEADLINE_MS = 1_000;

const PRODUCT = `query($id: ID!) { product(id: $id) { inStock variants { sku inStock } } }`;
const SEARCH = `query($s: ProductSearchInput) { products(search: $s, first: 20) { nodes { id } } }`;

/**
 * A seller sets stock in inventory through the gateway; a signed-in buyer (the gateway caches no answer for a
 * token) reads the product and searches with the inStock filter, through the gateway as the storefront does.
 */
describe('e2e: inventory stock reaches the catalog', () => {
  let platform: RunningPlatform;
  let market: Marketplace;
  let buyer: TestUser;

  beforeAll(async () => {
    platform = await startPlatform();
    market = new Marketplace(platform);
    buyer = (await market.buyers(1))[0]!;
  }, BOOT_TIMEOUT_MS);
  afterAll(() => platform?.close(), BOOT_TIMEOUT_MS);

  const view = async (product: StockedProduct) =>
    dataOf(
      await platform.gql<{ product: { inStock: boolean; variants: { sku: string; inStock: boolean }[] } }>(
        PRODUCT,
        { id: product.productId },
        buyer.token,
      ),
      'product',
    ).product;
  const found = async (product: StockedProduct, inStock: boolean) =>
    dataOf(
      await platform.gql<{ products: { nodes: { id: string }[] } }>(
        SEARCH,
        { s: { sellerId: product.seller.tenantId, inStock } },
        buyer.token,
      ),
      'products',
    ).products.nodes.some((node) => node.id === product.productId);

  it('shows a sold-out product out of stock and out of in-stock search within a second, and back when restocked', async () => {
    const seller = await market.seller();
    const product = await market.product(seller, 2_499, 3);
    expect(await view(product)).toEqual({ inStock: true, variants: [{ sku: product.sku, inStock: true }] });
    expect(await found(product, true)).toBe(true);

    await market.setStock(seller, product.sku, 0);
    await waitFor(
      'the sold-out product outside the in-stock search',
      async () => ((await found(product, true)) ? undefined : true),
      { timeoutMs: SYNC_DEADLINE_MS, intervalMs: 25 },
    );
    expect(await view(product)).toEqual({ inStock: false, variants: [{ sku: product.sku, inStock: false }] });
    expect(await found(product, false)).toBe(true);
    // The cart refuses what the catalog shows sold out.
    const refused = await market.addToCart(buyer.token, product, 1);
    expect(errorCodeOf(refused)).toBe('CONFLICT');

    await market.setStock(seller, product.sku, 5);
    await waitFor(
      'the restocked product in the in-stock search',
      async () => ((await found(product, true)) ? true : undefined),
      { timeoutMs: SYNC_DEADLINE_MS, intervalMs: 25 },
    );
    expect(await view(product)).toEqual({ inStock: true, variants: [{ sku: product.sku, inStock: true }] });
    expect(await found(product, false)).toBe(false);
    dataOf(await market.addToCart(buyer.token, product, 1), 'addToCart');
  }, 120_000);
});
