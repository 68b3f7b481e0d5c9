import { waitFor } from '@marketplace/testing';
import {
  BOOT_TIMEOUT_MS,
  dataOf,
  errorCodeOf,
  Marketplace,
  startPlatform,
  type RunningPlatform,
  type Seller,
  type StockedProduct,
  type TestUser,
} from '../src';

/**
 * A new review reaches the product's aggregate and the buyer search asynchronously (events); the time it took is
 * printed (bench material, ~1 s on a quiet machine), the bound only catches a rating that never arrives.
 */
const AGGREGATE_TIMEOUT_MS = 30_000;

const MARK_FULFILLED = `mutation($id: ID!) { markFulfilled(id: $id) { id status } }`;
const MARK_SHIPPED = `mutation($id: ID!) { markShipped(id: $id, carrier: "DHL", trackingNumber: "00340434161094042557") { id status } }`;
const MARK_DELIVERED = `mutation($id: ID!) { markDelivered(id: $id) { id status } }`;
const REVIEWABLE = `query($ids: [ID!]!) { reviewablePurchases(sellerOrderIds: $ids) { productId canReview reviewId } }`;
const CREATE_REVIEW = `mutation($input: CreateReviewInput!) { createReview(input: $input) { id rating status } }`;
const REPLY = `mutation($id: ID!, $text: String!) { replyToReview(id: $id, text: $text) { id reply { text } } }`;
const PRODUCT = `query($id: ID!) { product(id: $id) {
  id ratingAvg ratingCount
  rating { count average distribution }
  reviews(first: 10) { nodes { id rating reply { text } } }
  seller { id rating { count } }
} }`;
const SEARCH = `query($s: ProductSearchInput) { products(search: $s, sort: RATING, first: 20) { nodes { id ratingAvg ratingCount } } }`;

interface ProductAnswer {
  product: {
    ratingAvg: number;
    ratingCount: number;
    rating: { count: number; average: number | null; distribution: number[] };
    reviews: { nodes: { id: string; rating: number; reply: { text: string } | null }[] };
    seller: { id: string; rating: { count: number } };
  };
}

/**
 * The review journey through the gateway, every service real: a buyer checks out, the seller fulfils, ships
 * and delivers (orders' events tell the reviews service who bought what), the buyer reviews; the aggregate
 * and the catalog's rating sort follow from the reviews service's events.
 */
describe('e2e: verified-purchase reviews', () => {
  let platform: RunningPlatform;
  let market: Marketplace;
  let seller: Seller;
  let otherSeller: Seller;
  let buyer: TestUser;
  let loved: StockedProduct;
  let disliked: StockedProduct;

  beforeAll(async () => {
    platform = await startPlatform({ reviews: true });
    market = new Marketplace(platform);
    [seller, otherSeller] = await Promise.all([market.seller(), market.seller()]);
    buyer = (await market.buyers(1))[0]!;
    loved = await market.product(seller, 1_500, 5);
    disliked = await market.product(seller, 900, 5);
    // Six services boot here, one more than the checkout suites start.
  }, 2 * BOOT_TIMEOUT_MS);
  afterAll(() => platform?.close(), BOOT_TIMEOUT_MS);

  const review = (sellerOrderId: string, product: StockedProduct, rating: number) =>
    platform.gql<{ createReview: { id: string; rating: number; status: string } }>(
      CREATE_REVIEW,
      {
        input: {
          sellerOrderId,
          productId: product.productId,
          rating,
          title: `${rating} stars`,
          text: 'Bought and used.',
        },
      },
      buyer.token,
    );
  const product = async (item: StockedProduct) =>
    dataOf(await platform.gql<ProductAnswer>(PRODUCT, { id: item.productId }, buyer.token), 'product')
      .product;
  const search = async (minRating?: number) =>
    dataOf(
      await platform.gql<{ products: { nodes: { id: string; ratingAvg: number }[] } }>(
        SEARCH,
        { s: { sellerId: seller.tenantId, ...(minRating ? { minRating } : {}) } },
        buyer.token,
      ),
      'products',
    ).products.nodes.map((node) => `${node.id}:${node.ratingAvg}`);

  it('lets only the buyer of a delivered order review, once; rating and search follow within a second', async () => {
    await market.fillCart(buyer.token, [
      [loved, 1],
      [disliked, 1],
    ]);
    const order = dataOf(await market.checkout(buyer.token), 'checkout').checkout;
    expect(order.status).toBe('paid');
    const sellerOrderId = order.sellerOrders[0]!.id;

    // Paid but not delivered: the API refuses and the storefront's question answers "not yet".
    expect(errorCodeOf(await review(sellerOrderId, loved, 5))).toBe('FORBIDDEN');
    const pending = await waitFor('the paid order learned', async () => {
      const lines = dataOf(
        await platform.gql<{ reviewablePurchases: { canReview: boolean }[] }>(
          REVIEWABLE,
          { ids: [sellerOrderId] },
          buyer.token,
        ),
        'reviewablePurchases',
      ).reviewablePurchases;
      return lines.length === 2 ? lines : undefined;
    });
    expect(pending.every((line) => !line.canReview)).toBe(true);

    for (const mutation of [MARK_FULFILLED, MARK_SHIPPED, MARK_DELIVERED]) {
      dataOf(await platform.gql(mutation, { id: sellerOrderId }, seller.owner.token), 'seller order move');
    }
    await waitFor('the delivered order learned', async () => {
      const lines = dataOf(
        await platform.gql<{ reviewablePurchases: { canReview: boolean }[] }>(
          REVIEWABLE,
          { ids: [sellerOrderId] },
          buyer.token,
        ),
        'reviewablePurchases',
      ).reviewablePurchases;
      return lines.length === 2 && lines.every((line) => line.canReview);
    });

    const five = dataOf(await review(sellerOrderId, loved, 5), 'createReview').createReview;
    const two = dataOf(await review(sellerOrderId, disliked, 2), 'createReview').createReview;
    expect([five.status, two.status]).toEqual(['PUBLISHED', 'PUBLISHED']);
    expect(errorCodeOf(await review(sellerOrderId, loved, 1))).toBe('CONFLICT');

    const reviewedAt = Date.now();
    await waitFor(
      'both ratings in the search order',
      async () => {
        const rated = await search();
        return rated[0] === `${loved.productId}:5` && rated[1] === `${disliked.productId}:2`
          ? rated
          : undefined;
      },
      { timeoutMs: AGGREGATE_TIMEOUT_MS, intervalMs: 25 },
    );
    console.log(`both ratings reached the buyer search ${Date.now() - reviewedAt} ms after the reviews`);
    expect(await search(4)).toEqual([`${loved.productId}:5`]);
    const page = await product(disliked);
    expect(page).toMatchObject({
      ratingAvg: 2,
      ratingCount: 1,
      rating: { count: 1, average: 2, distribution: [0, 1, 0, 0, 0] },
      reviews: { nodes: [{ id: two.id, rating: 2, reply: null }] },
      seller: { id: seller.tenantId, rating: { count: 2 } },
    });
  });

  it('lets the product’s seller reply once; another seller and the buyer are refused', async () => {
    const { id } = (await product(disliked)).reviews.nodes[0]!;
    expect(
      errorCodeOf(await platform.gql(REPLY, { id, text: 'Not our product' }, otherSeller.owner.token)),
    ).toBe('NOT_FOUND');
    expect(errorCodeOf(await platform.gql(REPLY, { id, text: 'Replying to myself' }, buyer.token))).toBe(
      'FORBIDDEN',
    );
    dataOf(
      await platform.gql(REPLY, { id, text: 'Sorry to hear it; write to us.' }, seller.owner.token),
      'replyToReview',
    );
    expect(errorCodeOf(await platform.gql(REPLY, { id, text: 'Again' }, seller.owner.token))).toBe(
      'CONFLICT',
    );
    expect((await product(disliked)).reviews.nodes[0]!.reply).toEqual({
      text: 'Sorry to hear it; write to us.',
    });
  });
});
