import { createTestAdmin, createTestBuyer, createTestTenant, type TestTenant } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  productInput,
  PUBLISH_PRODUCT,
  waitFor,
  type CreatedProduct,
} from './support';

/** Two replicas of one catalog (one database), each with its own in-memory search index. */
const first = new CatalogHarness();
const second = new CatalogHarness(first.database);
let seller: TestTenant;
let adminToken: string;

const SEARCH = `query($text: String) { products(search: { text: $text }) { totalCount nodes { id title } } }`;
type SearchAnswer = { products: { totalCount: number; nodes: { id: string; title: string }[] } };

async function titlesOn(harness: CatalogHarness, text: string): Promise<string[]> {
  const data = await harness.ok<SearchAnswer>(SEARCH, { text });
  return data.products.nodes.map((edge) => edge.title);
}

beforeAll(async () => {
  await first.start();
  await second.start();
  const [tenant, admin] = await Promise.all([createTestTenant(), createTestAdmin()]);
  seller = tenant;
  adminToken = admin.token;
});

afterAll(async () => {
  await second.stop();
  await first.stop();
});

describe('catalog search index across replicas', () => {
  it('shows a product published through one replica in the other replica search, and its changes too', async () => {
    const word = `zq${ulid().toLowerCase().slice(-8)}`;
    const created = (
      await first.ok<{ createProduct: CreatedProduct }>(
        CREATE_PRODUCT,
        { input: productInput({ title: `Copper ${word} kettle` }) },
        seller.owner.token,
      )
    ).createProduct;
    await first.ok(PUBLISH_PRODUCT, { id: created.id }, seller.owner.token);
    expect(await titlesOn(first, word)).toEqual([`Copper ${word} kettle`]);
    await waitFor('the second replica to index the product', async () =>
      (await titlesOn(second, word)).length === 1 ? true : undefined,
    );

    await first.ok(
      `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }`,
      { id: created.id, input: { title: `Brass ${word} kettle` } },
      seller.owner.token,
    );
    await waitFor('the second replica to see the new title', async () =>
      (await titlesOn(second, word))[0] === `Brass ${word} kettle` ? true : undefined,
    );
    await first.ok(
      `mutation($id: ID!) { archiveProduct(id: $id) { id } }`,
      { id: created.id },
      seller.owner.token,
    );
    await waitFor('the second replica to drop the archived product', async () =>
      (await titlesOn(second, word)).length === 0 ? true : undefined,
    );
  });

  it('brings products stored around the service into search on an admin rebuild, and refuses others', async () => {
    const buyer = await createTestBuyer();
    for (const token of [buyer.token, seller.owner.token]) {
      const answer = await first.gql('mutation { rebuildSearchIndex { products } }', {}, token);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await first.gql('{ searchIndexStatus { products } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const word = `zr${ulid().toLowerCase().slice(-8)}`;
    const created = (
      await first.ok<{ createProduct: CreatedProduct }>(
        CREATE_PRODUCT,
        { input: productInput({ title: `Stored ${word} lamp` }) },
        seller.owner.token,
      )
    ).createProduct;
    // A data migration publishes the product behind the service's back: search does not know yet. It waits
    // for the relay to publish the created event, since FerretDB can lose one of two overlapping updates.
    const products = first.db.collection<{ _id: string; pendingEventCount: number }>('products');
    await waitFor(
      'the created event to be published',
      async () => (await products.findOne({ _id: created.id, pendingEventCount: 0 })) ?? undefined,
    );
    await products.updateOne({ _id: created.id }, { $set: { status: 'published', publishedAt: new Date() } });
    expect(await titlesOn(first, word)).toEqual([]);

    const status = await first.rebuildSearchIndex(adminToken);
    expect(status.products).toBeGreaterThanOrEqual(1);
    expect(await titlesOn(first, word)).toEqual([`Stored ${word} lamp`]);
  });
});
