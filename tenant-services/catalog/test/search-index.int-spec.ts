import { TenantDeletionRequested, TenantReactivated, TenantSuspended } from '@marketplace/contracts';
import { KafkaSender } from '@marketplace/events';
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
// These replicas answer offboarding requests (the suite deletes a tenant); jest runs it alone (jest.config.js).
const first = new CatalogHarness(undefined, { OFFBOARDING_PARTICIPANT: 'true' });
const second = new CatalogHarness(first.database, { OFFBOARDING_PARTICIPANT: 'true' });
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

  it("drops a deleted seller's hidden products from every replica's index at once, not at the next rebuild", async () => {
    const leaving = await createTestTenant();
    const word = `zd${ulid().toLowerCase().slice(-8)}`;
    for (const title of [`Walnut ${word} bowl`, `Walnut ${word} spoon`]) {
      const created = (
        await first.ok<{ createProduct: CreatedProduct }>(
          CREATE_PRODUCT,
          { input: productInput({ title }) },
          leaving.owner.token,
        )
      ).createProduct;
      await first.ok(PUBLISH_PRODUCT, { id: created.id }, leaving.owner.token);
    }
    for (const replica of [first, second])
      await waitFor('both replicas to show the products', async () =>
        (await titlesOn(replica, word)).length === 2 ? true : undefined,
      );

    const kafka = new KafkaSender({
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
      clientId: `catalog-test-${ulid()}`,
    });
    const send = (event: { topic: string; envelope: unknown }) =>
      kafka.send([
        { topic: event.topic, key: leaving.tenantId, value: JSON.stringify(event.envelope), headers: {} },
      ]);
    try {
      // Deletion follows a suspension: the products are hidden from buyers, yet still in each index.
      await send(
        TenantSuspended.create(
          {
            tenantId: leaving.tenantId,
            reason: 'leaving',
            suspendedBy: null,
            suspendedAt: new Date().toISOString(),
          },
          { tenantId: leaving.tenantId },
        ),
      );
      for (const replica of [first, second])
        await waitFor('both replicas to hide the products', async () =>
          (await titlesOn(replica, word)).length === 0 ? true : undefined,
        );
      const sizes = await Promise.all([first, second].map((replica) => indexSize(replica)));

      const deletion = TenantDeletionRequested.create(
        {
          deletionId: ulid(),
          tenantId: leaving.tenantId,
          reason: 'The seller asked to be erased',
          requestedBy: null,
          requestedAt: new Date().toISOString(),
        },
        { tenantId: null },
      );
      const products = first.db.collection('products');
      let sentAt = 0;
      await waitFor('the catalog to erase the products', async () => {
        // The same request again (idempotent) in case the offboarding consumer joined after the first send.
        if (Date.now() - sentAt > 5_000) {
          sentAt = Date.now();
          await send(deletion);
        }
        return (await products.countDocuments({ tenantId: leaving.tenantId })) === 0 ? true : undefined;
      });
      for (const [at, replica] of [first, second].entries())
        await waitFor('each replica to drop the erased products from its index', async () =>
          (await indexSize(replica)) === sizes[at]! - 2 ? true : undefined,
        );

      // A late reactivation of the deleted seller brings nothing back: the products are gone, not hidden.
      await send(
        TenantReactivated.create(
          { tenantId: leaving.tenantId, reactivatedBy: null, reactivatedAt: new Date().toISOString() },
          { tenantId: leaving.tenantId },
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      for (const replica of [first, second]) expect(await titlesOn(replica, word)).toEqual([]);
    } finally {
      await kafka.close();
    }
  });
});

async function indexSize(replica: CatalogHarness): Promise<number> {
  const status = await replica.ok<{ searchIndexStatus: { products: number } }>(
    '{ searchIndexStatus { products } }',
    {},
    adminToken,
  );
  return status.searchIndexStatus.products;
}
