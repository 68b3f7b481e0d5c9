import { ProductRatingChanged } from '@marketplace/contracts';
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import { ulid } from 'ulid';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  PUBLISH_PRODUCT,
  productInput,
  waitFor,
  type CreatedProduct,
} from './support';

const harness = new CatalogHarness();
let seller: TestTenant;
let producer: Producer<string, string, string, string>;

beforeAll(async () => {
  await harness.start();
  seller = await createTestTenant();
  producer = new Producer({
    clientId: `catalog-ratings-test-${ulid()}`,
    bootstrapBrokers: process.env.KAFKA_BROKERS!.split(','),
    serializers: stringSerializers,
    acks: ProduceAcks.ALL,
  });
});

afterAll(async () => {
  await producer?.close();
  await harness.stop();
});

async function publishedProduct(title: string): Promise<CreatedProduct> {
  const { createProduct } = await harness.ok<{ createProduct: CreatedProduct }>(
    CREATE_PRODUCT,
    { input: productInput({ title }) },
    seller.owner.token,
  );
  await harness.ok(PUBLISH_PRODUCT, { id: createProduct.id }, seller.owner.token);
  return createProduct;
}

/** Publishes `rating.product-changed` as the reviews service's outbox relay does (key: product id). */
async function rated(productId: string, distribution: number[], revision: number): Promise<void> {
  const count = distribution.reduce((sum, n) => sum + n, 0);
  const sum = distribution.reduce((total, n, index) => total + n * (index + 1), 0);
  const event = ProductRatingChanged.create(
    {
      productId,
      tenantId: seller.tenantId,
      count,
      average: count ? Math.round((sum / count) * 100) / 100 : null,
      distribution,
      revision,
    },
    { tenantId: seller.tenantId },
  );
  await producer.send({
    messages: [{ topic: event.topic, key: productId, value: JSON.stringify(event.envelope) }],
  });
}

const SEARCH = `query($s: ProductSearchInput) {
  products(search: $s, sort: RATING, first: 10) { nodes { id ratingAvg ratingCount } }
}`;
type Found = { id: string; ratingAvg: number; ratingCount: number }[];
const search = async (minRating?: number) =>
  (
    await harness.ok<{ products: { nodes: Found } }>(SEARCH, {
      s: { sellerId: seller.tenantId, ...(minRating ? { minRating } : {}) },
    })
  ).products.nodes;

describe('catalog: product ratings from the reviews service', () => {
  it('sorts by rating and filters by a minimum, applying only the newest revision of each rating', async () => {
    const [top, low, unrated] = await Promise.all([
      publishedProduct('Rated high'),
      publishedProduct('Rated low'),
      publishedProduct('Not rated'),
    ]);
    await rated(low.id, [0, 1, 0, 0, 0], 1);
    await rated(top.id, [0, 0, 0, 1, 1], 2);
    // An older report arriving late changes nothing.
    await rated(top.id, [1, 0, 0, 0, 0], 1);

    const found = await waitFor('both ratings in the search', async () => {
      const nodes = await search();
      return nodes[0]?.ratingCount === 2 && nodes[1]?.ratingCount === 1 ? nodes : undefined;
    });
    expect(found).toEqual([
      { id: top.id, ratingAvg: 4.5, ratingCount: 2 },
      { id: low.id, ratingAvg: 2, ratingCount: 1 },
      { id: unrated.id, ratingAvg: 0, ratingCount: 0 },
    ]);
    expect((await search(4)).map((node) => node.id)).toEqual([top.id]);

    const refused = await harness.gql(SEARCH, { s: { minRating: 6 } });
    expect(refused.errors?.[0]?.message).toMatch(/minRating: between 1 and 5/);
  });
});
