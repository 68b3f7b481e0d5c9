import { TenantReactivated, TenantRejected, TenantSuspended } from '@marketplace/contracts';
import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
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
let sellerA: TestTenant;
let sellerB: TestTenant;
let buyer: TestUser;
let admin: TestUser;
let producer: Producer<string, string, string, string>;

beforeAll(async () => {
  await harness.start();
  [sellerA, sellerB, buyer, admin] = await Promise.all([
    createTestTenant(),
    createTestTenant(),
    createTestBuyer(),
    createTestAdmin(),
  ]);
  producer = new Producer({
    clientId: `catalog-test-${ulid()}`,
    bootstrapBrokers: process.env.KAFKA_BROKERS!.split(','),
    serializers: stringSerializers,
    acks: ProduceAcks.ALL,
  });
});

afterAll(async () => {
  await producer?.close();
  await harness.stop();
});

const create = async (seller: TestTenant, overrides: Record<string, unknown> = {}) =>
  (
    await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput(overrides) },
      seller.owner.token,
    )
  ).createProduct;
const publish = (seller: TestTenant, id: string) => harness.ok(PUBLISH_PRODUCT, { id }, seller.owner.token);
const publicProduct = async (id: string) =>
  (
    await harness.ok<{ product: { id: string } | null }>('query($id: ID!) { product(id: $id) { id } }', {
      id,
    })
  ).product;
const sellerSearch = async (sellerId: string) =>
  (
    await harness.ok<{ products: { totalCount: number; nodes: { id: string }[] } }>(
      'query($s: ProductSearchInput) { products(search: $s) { totalCount nodes { id } } }',
      { s: { sellerId } },
    )
  ).products;
const stored = (id: string) => harness.db.collection('products').findOne({ _id: id as never });

describe('catalog: sellers only reach their own products', () => {
  it("refuses every query and mutation on another seller's product as not found and leaves it unchanged", async () => {
    const product = await create(sellerA, { title: 'Acme only jacket' });
    const before = await stored(product.id);
    const token = sellerB.owner.token;
    const attempts = [
      harness.gql('query($id: ID!) { myProduct(id: $id) { id } }', { id: product.id }, token),
      harness.gql(
        'mutation($id: ID!) { updateProduct(id: $id, input: { title: "Hijacked" }) { id } }',
        { id: product.id },
        token,
      ),
      harness.gql(PUBLISH_PRODUCT, { id: product.id }, token),
      harness.gql('mutation($id: ID!) { archiveProduct(id: $id) { id } }', { id: product.id }, token),
      harness.gql('mutation($id: ID!) { deleteProduct(id: $id) }', { id: product.id }, token),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const listed = await harness.ok<{ myProducts: { nodes: { id: string }[] } }>(
      '{ myProducts(first: 100) { nodes { id } } }',
      {},
      token,
    );
    expect(listed.myProducts.nodes.map((e) => e.id)).not.toContain(product.id);
    const after = await stored(product.id);
    expect({ ...after, pendingEvents: undefined, pendingEventCount: undefined }).toEqual({
      ...before,
      pendingEvents: undefined,
      pendingEventCount: undefined,
    });
    expect(after?.title).toBe('Acme only jacket');
    expect(after?.deletedAt).toBeNull();
  });

  it('lets the owner update, publish, archive and delete, and keeps SKUs unique per seller', async () => {
    const product = await create(sellerA);
    const sku = product.variants[0]!.sku;
    const clash = await harness.gql(
      CREATE_PRODUCT,
      { input: productInput({ variants: [{ sku, priceMinor: 100 }], options: [] }) },
      sellerA.owner.token,
    );
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Another seller may use the same SKU.
    await create(sellerB, { variants: [{ sku, priceMinor: 100 }], options: [] });

    const updated = await harness.ok<{ updateProduct: CreatedProduct }>(
      'mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id title minPrice variants { id sku } } }',
      {
        id: product.id,
        input: { title: 'Linen shirt v2', variants: [{ sku, priceMinor: 3900 }], options: [] },
      },
      sellerA.owner.token,
    );
    expect(updated.updateProduct).toMatchObject({ title: 'Linen shirt v2', minPrice: 3900 });
    expect(updated.updateProduct.variants).toEqual([{ id: product.variants[0]!.id, sku }]);
    // The dropped SKU is free again.
    await create(sellerA, { variants: [{ sku: product.variants[1]!.sku, priceMinor: 100 }], options: [] });

    await publish(sellerA, product.id);
    const archived = await harness.ok<{ archiveProduct: { status: string } }>(
      'mutation($id: ID!) { archiveProduct(id: $id) { status } }',
      { id: product.id },
      sellerA.owner.token,
    );
    expect(archived.archiveProduct.status).toBe('ARCHIVED');
    await harness.ok(
      'mutation($id: ID!) { deleteProduct(id: $id) }',
      { id: product.id },
      sellerA.owner.token,
    );
    const gone = await harness.gql(
      'query($id: ID!) { myProduct(id: $id) { id } }',
      { id: product.id },
      sellerA.owner.token,
    );
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a malformed product id as bad input, not as a missing product', async () => {
    for (const id of ['not-a-product', `${ulid()}0`, '']) {
      const answer = await harness.gql(
        'query($id: ID!) { myProduct(id: $id) { id } }',
        { id },
        sellerA.owner.token,
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toContain('must be a product id');
    }
  });

  it('publishes every change through the product outbox and drops a deleted product once its events are out', async () => {
    const product = await create(sellerA);
    await publish(sellerA, product.id);
    await waitFor('outbox relay', async () =>
      (await stored(product.id))?.pendingEventCount === 0 ? true : undefined,
    );
    expect((await stored(product.id))?.pendingEvents).toEqual({});
    await harness.ok(
      'mutation($id: ID!) { deleteProduct(id: $id) }',
      { id: product.id },
      sellerA.owner.token,
    );
    await waitFor('tombstone removal', async () => ((await stored(product.id)) === null ? true : undefined));
  });
});

describe('catalog: what buyers see', () => {
  it('shows only published products, hides removed ones, and never drafts', async () => {
    const product = await create(sellerA, { title: 'Visibility lamp' });
    expect(await publicProduct(product.id)).toBeNull();
    await publish(sellerA, product.id);
    expect(await publicProduct(product.id)).toEqual({ id: product.id });
    const bySlug = await harness.ok<{ productBySlug: { id: string } | null }>(
      'query($slug: String!) { productBySlug(slug: $slug) { id } }',
      { slug: product.slug },
      buyer.token,
    );
    expect(bySlug.productBySlug).toEqual({ id: product.id });

    const refused = await harness.gql(
      'mutation($id: ID!) { moderateProduct(id: $id, moderation: REMOVED) { id } }',
      { id: product.id },
      sellerA.owner.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await harness.ok(
      'mutation($id: ID!) { moderateProduct(id: $id, moderation: REMOVED, reason: "Counterfeit") { moderation } }',
      { id: product.id },
      admin.token,
    );
    expect(await publicProduct(product.id)).toBeNull();
    expect((await sellerSearch(sellerA.tenantId)).nodes.map((e) => e.id)).not.toContain(product.id);
  });

  it("hides a suspended tenant's products as soon as the tenants event arrives and shows them again on reactivation", async () => {
    const tenant = await createTestTenant();
    const product = await create(tenant, { title: 'Suspension mug' });
    await publish(tenant, product.id);
    expect(await publicProduct(product.id)).toEqual({ id: product.id });

    const send = async (event: { topic: string; envelope: { id: string; tenantId: string | null } }) =>
      producer.send({
        messages: [{ topic: event.topic, key: tenant.tenantId, value: JSON.stringify(event.envelope) }],
      });
    const now = Date.now();
    await send(
      TenantSuspended.create(
        {
          tenantId: tenant.tenantId,
          reason: 'unpaid fees',
          suspendedBy: admin.userId,
          suspendedAt: new Date(now).toISOString(),
        },
        { tenantId: tenant.tenantId },
      ),
    );
    await waitFor('suspension to hide the product', async () =>
      (await publicProduct(product.id)) === null ? true : undefined,
    );
    expect((await sellerSearch(tenant.tenantId)).totalCount).toBe(0);
    // The seller still sees it.
    const own = await harness.ok<{ myProduct: { id: string } }>(
      'query($id: ID!) { myProduct(id: $id) { id } }',
      { id: product.id },
      tenant.owner.token,
    );
    expect(own.myProduct.id).toBe(product.id);

    await send(
      TenantReactivated.create(
        {
          tenantId: tenant.tenantId,
          reactivatedBy: admin.userId,
          reactivatedAt: new Date(now + 1000).toISOString(),
        },
        { tenantId: tenant.tenantId },
      ),
    );
    await waitFor('reactivation to show the product', async () =>
      (await publicProduct(product.id)) ? true : undefined,
    );
  });
});

describe('catalog: bad input is refused and writes nothing', () => {
  const count = () => harness.db.collection('products').countDocuments({ tenantId: sellerA.tenantId });

  it.each([
    ['a negative price', { variants: [{ sku: 'NEG-1', priceMinor: -1 }], options: [] }],
    ['an unknown currency', { currency: 'XYZ' }],
    ['a lower-case currency', { currency: 'eur' }],
    [
      'duplicate SKUs',
      {
        variants: [
          { sku: 'DUP', priceMinor: 1 },
          { sku: 'DUP', priceMinor: 2 },
        ],
        options: [],
      },
    ],
    [
      'an option value not declared',
      { variants: [{ sku: 'OPT-1', priceMinor: 1, optionValues: [{ name: 'size', value: 'XL' }] }] },
    ],
    ['an unknown category', { categoryId: ulid() }],
    [
      'a compare-at price below the price',
      { variants: [{ sku: 'CMP-1', priceMinor: 500, compareAtMinor: 400 }], options: [] },
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_case, overrides) => {
    const before = await count();
    const answer = await harness.gql(CREATE_PRODUCT, { input: productInput(overrides) }, sellerA.owner.token);
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });

  it("keeps a rejected seller's products hidden and refuses it new ones", async () => {
    const tenant = await createTestTenant();
    const product = await create(tenant, { title: 'Rejected mug' });
    await publish(tenant, product.id);
    const rejected = TenantRejected.create(
      {
        tenantId: tenant.tenantId,
        reason: 'Prohibited goods',
        rejectedBy: admin.userId,
        rejectedAt: new Date().toISOString(),
      },
      { tenantId: tenant.tenantId },
    );
    await producer.send({
      messages: [{ topic: rejected.topic, key: tenant.tenantId, value: JSON.stringify(rejected.envelope) }],
    });
    await waitFor('rejection to hide the product', async () =>
      (await publicProduct(product.id)) === null ? true : undefined,
    );
    await waitFor('the catalog to record the rejection', async () =>
      (await harness.db.collection('tenant_states').findOne({ _id: tenant.tenantId as never }))?.[
        'status'
      ] === 'rejected'
        ? true
        : undefined,
    );
    const refused = await harness.gql(
      CREATE_PRODUCT,
      { input: productInput({ title: 'Another mug' }) },
      tenant.owner.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/application was rejected/);
  });

  it('refuses an invalid cursor, a cursor of another sort, and a price filter without currency', async () => {
    const query =
      'query($after: String, $sort: ProductSort, $s: ProductSearchInput) { products(after: $after, sort: $sort, search: $s) { totalCount } }';
    const garbage = await harness.gql(query, { after: 'not-a-cursor' });
    expect(garbage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const priceCursor = Buffer.from(JSON.stringify({ s: 'PRICE_ASC', v: 1, id: 'x' })).toString('base64url');
    const wrongSort = await harness.gql(query, { after: priceCursor, sort: 'NEWEST' });
    expect(wrongSort.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noCurrency = await harness.gql(query, { s: { minPrice: 100 } });
    expect(noCurrency.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const myGarbage = await harness.gql(
      '{ myProducts(after: "%%%") { pageInfo { hasNextPage } } }',
      {},
      sellerA.owner.token,
    );
    expect(myGarbage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("sorts the seller's list by title, price or age and pages through each order with its own cursors", async () => {
    const seller = await createTestTenant();
    for (const [title, priceMinor] of [
      ['Bravo lamp', 300],
      ['Alpha lamp', 100],
      ['Charlie lamp', 200],
    ] as const)
      await create(seller, { title, options: [], variants: [{ sku: `SKU-${ulid()}`, priceMinor }] });
    type Page = {
      myProducts: {
        nodes: { title: string; minPrice: number }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const list = (sort: string, after?: string) =>
      harness.ok<Page>(
        'query($sort: SellerProductSort, $after: String) { myProducts(first: 2, sort: $sort, after: $after) { nodes { title minPrice } pageInfo { hasNextPage endCursor } } }',
        { sort, after },
        seller.owner.token,
      );
    const titles = async (sort: string) => {
      const first = await list(sort);
      expect(first.myProducts.pageInfo.hasNextPage).toBe(true);
      const second = await list(sort, first.myProducts.pageInfo.endCursor);
      expect(second.myProducts.pageInfo.hasNextPage).toBe(false);
      return [...first.myProducts.nodes, ...second.myProducts.nodes].map((p) => p.title);
    };
    expect(await titles('TITLE_ASC')).toEqual(['Alpha lamp', 'Bravo lamp', 'Charlie lamp']);
    expect(await titles('TITLE_DESC')).toEqual(['Charlie lamp', 'Bravo lamp', 'Alpha lamp']);
    expect(await titles('PRICE_ASC')).toEqual(['Alpha lamp', 'Charlie lamp', 'Bravo lamp']);
    expect(await titles('PRICE_DESC')).toEqual(['Bravo lamp', 'Charlie lamp', 'Alpha lamp']);
    expect(await titles('OLDEST')).toEqual(['Bravo lamp', 'Alpha lamp', 'Charlie lamp']);
    expect(await titles('NEWEST')).toEqual(['Charlie lamp', 'Alpha lamp', 'Bravo lamp']);

    // A cursor only continues the order it was made for.
    const byTitle = await list('TITLE_ASC');
    const mixed = await harness.gql(
      'query($after: String) { myProducts(first: 2, sort: PRICE_ASC, after: $after) { pageInfo { hasNextPage } } }',
      { after: byTitle.myProducts.pageInfo.endCursor },
      seller.owner.token,
    );
    expect(mixed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses anonymous and buyer writes', async () => {
    const anonymous = await harness.gql(CREATE_PRODUCT, { input: productInput() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asBuyer = await harness.gql(CREATE_PRODUCT, { input: productInput() }, buyer.token);
    expect(asBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
