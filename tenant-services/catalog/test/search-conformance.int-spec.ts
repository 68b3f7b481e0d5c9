import { TenantDataDeleted, TenantSuspended } from '@marketplace/contracts';
import { KafkaSender } from '@marketplace/events';
import { createTestAdmin, createTestTenant, type TestTenant } from '@marketplace/testing';
import { ulid } from 'ulid';
import { StockLevelsService } from '../src/stock/stock-levels.service';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  MediaHarness,
  PUBLISH_PRODUCT,
  productInput,
  waitFor,
  type CreatedProduct,
} from './support';

/**
 * The conformance suite of the buyer search port (ADR 0041): two catalog replicas on the same MongoDB
 * database, one answering from its in-memory index, one from a real OpenSearch node fed by the indexer,
 * must give the same nodes, order, cursors, counts and facets for every search; products buyers may not
 * see (drafts, archived, removed by moderation, of a suspended tenant) appear in neither.
 */
const database = `catalog_test_${ulid().toLowerCase()}`;
const openSearchIndex = `catalog-test-${ulid().toLowerCase()}`;
const memory = new CatalogHarness(database, { SEARCH_ENGINE: 'memory' });
const openSearch = new CatalogHarness(database, {
  SEARCH_ENGINE: 'opensearch',
  OPENSEARCH_INDEX: openSearchIndex,
  SEARCH_INDEXER_GROUP: `catalog-test-indexer-${ulid()}`,
  SEARCH_INDEXER_START: 'latest',
});
const engines = [
  ['memory', memory],
  ['opensearch', openSearch],
] as const;
const openSearchUrl = (process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:19200').replace(/\/$/, '');
/** Product images are the seller's own uploads to the real media service (ADR 0039). */
const media = new MediaHarness();

/** Everything a buyer reads of one product: both engines must answer it identically. */
const PRODUCT_VIEW = `query($id: ID!) { product(id: $id) {
  id tenantId slug title description status moderation categoryId currency minPrice maxPrice inStock
  ratingAvg ratingCount images imageAlts createdAt updatedAt publishedAt
  attributes { name value } options { name values }
  variants { id sku priceMinor compareAtMinor inStock optionValues { name value } }
} }`;

let sellerA: TestTenant;
let sellerB: TestTenant;
let sellerC: TestTenant;
const categories: Record<string, string> = {};
const ids: Record<string, string> = {};
/** Products no buyer may see, whatever the search. */
const hidden: string[] = [];

interface Answer {
  totalCount: number;
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  facets: {
    categories: { value: string; label: string; count: number }[];
    sellers: { value: string; count: number }[];
    attributes: { name: string; values: { value: string; count: number }[] }[];
    priceBuckets: { min: number; max: number | null; count: number }[];
  };
}

const SEARCH = `query($s: ProductSearchInput, $sort: ProductSort, $first: Int, $after: String) {
  products(search: $s, sort: $sort, first: $first, after: $after) {
    totalCount
    nodes { id }
    pageInfo { hasNextPage endCursor }
    facets { categories { value label count } sellers { value count } attributes { name values { value count } } priceBuckets { min max count } }
  }
}`;

/** Every page of a search, two products at a time: what a buyer walking the keyset cursors sees. */
async function walk(harness: CatalogHarness, s: object, sort: string): Promise<Answer[]> {
  const pages: Answer[] = [];
  let after: string | null = null;
  do {
    const page: Answer = (await harness.ok<{ products: Answer }>(SEARCH, { s, sort, first: 2, after }))
      .products;
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null && pages.length < 50);
  return pages;
}

async function addCategory(token: string, name: string, parent?: string): Promise<string> {
  const answer = await memory.ok<{ createCategory: { id: string } }>(
    'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
    {
      input: {
        name,
        slug: `${name.toLowerCase()}-${ulid().toLowerCase()}`,
        ...(parent ? { parentId: parent } : {}),
      },
    },
    token,
  );
  return answer.createCategory.id;
}

async function addProduct(seller: TestTenant, key: string, fields: Record<string, unknown>, publish = true) {
  const created = (
    await memory.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ options: [], description: 'Made to last', ...fields }) },
      seller.owner.token,
    )
  ).createProduct;
  if (publish) await memory.ok(PUBLISH_PRODUCT, { id: created.id }, seller.owner.token);
  ids[key] = created.id;
  return created.id;
}

const variants = (sku: string, priceMinor: number) => [{ sku: `${sku}-${ulid()}`, priceMinor }];

/** Both engines list exactly the same products for the match-all search (the indexer has caught up). */
async function enginesAgree(): Promise<true | undefined> {
  const [a, b] = await Promise.all(engines.map(([, harness]) => walk(harness, {}, 'NEWEST')));
  return JSON.stringify(a) === JSON.stringify(b) ? true : undefined;
}

beforeAll(async () => {
  await media.start();
  // OpenSearch's replica first: its indexer must be subscribed before the products are written.
  await openSearch.start({ MEDIA_URL: media.url });
  await memory.start({ MEDIA_URL: media.url });
  const admin = await createTestAdmin();
  [sellerA, sellerB, sellerC] = await Promise.all([
    createTestTenant(),
    createTestTenant(),
    createTestTenant(),
  ]);
  const lampImages = [
    await media.upload(sellerB.owner.token, 'PRODUCT_IMAGE', 'lamp-front.png'),
    await media.upload(sellerB.owner.token, 'PRODUCT_IMAGE', 'lamp-lit.png'),
  ];
  categories.apparel = await addCategory(admin.token, 'Apparel');
  categories.shirts = await addCategory(admin.token, 'Shirts', categories.apparel);
  categories.home = await addCategory(admin.token, 'Home');

  await addProduct(sellerA, 'redShirt', {
    title: 'Red linen shirt',
    categoryId: categories.shirts,
    attributes: [{ name: 'Color', value: 'red' }],
    variants: variants('RS', 1000),
  });
  await addProduct(sellerA, 'blueShirt', {
    title: 'Blue oxford shirt',
    categoryId: categories.shirts,
    attributes: [{ name: 'color', value: 'blue' }],
    variants: variants('BS', 3000),
  });
  await addProduct(sellerA, 'shoe', {
    title: 'Trail running shoe',
    description: 'Grippy soles for shirtless runners',
    categoryId: categories.apparel,
    attributes: [{ name: 'color', value: 'red' }],
    variants: variants('TS', 6000),
  });
  await addProduct(sellerB, 'lamp', {
    title: 'Céramic table lamp',
    categoryId: categories.home,
    attributes: [{ name: 'color', value: 'white' }],
    variants: variants('CL', 2000),
    images: lampImages,
    imageAlts: ['White ceramic lamp, front view', 'The lamp switched on'],
  });
  await addProduct(sellerB, 'greenShirt', {
    title: 'Green flannel shirts',
    categoryId: categories.shirts,
    attributes: [{ name: 'color', value: 'green' }],
    variants: variants('GS', 12000),
  });
  await addProduct(sellerB, 'sameShirt', {
    title: 'Red linen shirt',
    categoryId: categories.shirts,
    attributes: [{ name: 'color', value: 'red' }],
    variants: variants('RS2', 1000),
  });
  await addProduct(sellerB, 'usdMug', {
    title: 'Shirt print mug',
    currency: 'USD',
    variants: variants('UM', 30000),
  });

  hidden.push(
    await addProduct(
      sellerA,
      'draft',
      { title: 'Draft shirt', categoryId: categories.shirts, variants: variants('DS', 1500) },
      false,
    ),
  );
  hidden.push(
    await addProduct(sellerA, 'archived', { title: 'Archived shirt', variants: variants('AS', 1500) }),
  );
  await memory.ok(
    'mutation($id: ID!) { archiveProduct(id: $id) { id } }',
    { id: ids.archived },
    sellerA.owner.token,
  );
  hidden.push(
    await addProduct(sellerB, 'removed', { title: 'Counterfeit shirt', variants: variants('CS', 1500) }),
  );
  await memory.ok(
    'mutation($id: ID!) { moderateProduct(id: $id, moderation: REMOVED, reason: "Counterfeit") { id } }',
    { id: ids.removed },
    admin.token,
  );
  hidden.push(
    await addProduct(sellerC, 'suspended', {
      title: 'Suspended seller shirt',
      variants: variants('SS', 1500),
    }),
  );
  const kafka = new KafkaSender({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    clientId: 'conformance',
  });
  const suspension = TenantSuspended.create(
    {
      tenantId: sellerC.tenantId,
      reason: 'unpaid fees',
      suspendedBy: admin.userId,
      suspendedAt: new Date().toISOString(),
    },
    { tenantId: sellerC.tenantId },
  );
  await kafka.send([
    {
      topic: suspension.topic,
      key: sellerC.tenantId,
      value: JSON.stringify(suspension.envelope),
      headers: {},
    },
  ]);
  await kafka.close();

  // Stock levels arrive from inventory events; the service is what that consumer feeds.
  const stockLevels = memory.app.get(StockLevelsService);
  const greenSku = (
    await memory.ok<{ myProduct: { variants: { sku: string }[] } }>(
      'query($id: ID!) { myProduct(id: $id) { variants { sku } } }',
      { id: ids.greenShirt },
      sellerB.owner.token,
    )
  ).myProduct.variants[0]!.sku;
  await stockLevels.report({ tenantId: sellerB.tenantId, sku: greenSku, available: 0 });
  await stockLevels.flush();

  for (const [, harness] of engines) {
    await waitFor('the suspension to reach the replica', async () =>
      (
        await harness.ok<{ product: { id: string } | null }>('query($id: ID!) { product(id: $id) { id } }', {
          id: ids.suspended,
        })
      ).product === null
        ? true
        : undefined,
    );
  }
  await waitFor('OpenSearch to hold what the in-memory index holds', enginesAgree);
}, 180_000);

afterAll(async () => {
  await openSearch.stop();
  await memory.stop();
  await media.stop();
  await fetch(`${openSearchUrl}/${openSearchIndex}-*`, { method: 'DELETE' });
});

const SEARCHES: [string, object][] = [
  ['everything', {}],
  ['a complete word', { text: 'shirt' }],
  ['a prefix', { text: 'shi' }],
  ['words and a prefix', { text: 'red lin' }],
  ['accents and plurals', { text: 'ceramic lamps' }],
  ['a description word', { text: 'grippy' }],
  ['no such word', { text: 'zeppelin' }],
  ['a category with its descendants', { categoryId: 'apparel' }],
  ['a seller', { sellerId: 'A' }],
  ['attribute alternatives', { attributes: [{ name: 'COLOR', values: ['red', 'blue'] }] }],
  ['a price range in a currency', { currency: 'EUR', minPrice: 1000, maxPrice: 6000 }],
  ['sold out', { inStock: false }],
  ['a minimum rating', { minRating: 1 }],
  ['text, category and stock', { text: 'shirt', categoryId: 'shirts', inStock: true }],
];
const SORTS = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RATING'];

/** Test-time names (category keys, seller letters) to the ids of this run. */
function resolve(search: object): object {
  const s = { ...search } as Record<string, unknown>;
  if (typeof s.categoryId === 'string') s.categoryId = categories[s.categoryId];
  if (s.sellerId === 'A') s.sellerId = sellerA.tenantId;
  return s;
}

describe('buyer search conformance: in-memory index and OpenSearch', () => {
  it.each(SEARCHES)(
    '%s: same pages, order, cursors, counts and facets under every sort',
    async (_name, search) => {
      for (const sort of SORTS) {
        const [fromMemory, fromOpenSearch] = await Promise.all([
          walk(memory, resolve(search), sort),
          walk(openSearch, resolve(search), sort),
        ]);
        expect({ sort, pages: fromOpenSearch }).toEqual({ sort, pages: fromMemory });
        for (const page of fromMemory) for (const node of page.nodes) expect(hidden).not.toContain(node.id);
      }
    },
  );

  it('finds something for the non-trivial searches (the comparisons above are not of empty answers)', async () => {
    const answer = (await walk(openSearch, { text: 'shirt' }, 'RELEVANCE')).flatMap((page) => page.nodes);
    // Title matches first (relevance tiers), then the shoe whose description has "shirtless".
    expect(
      answer
        .slice(0, 5)
        .map((node) => node.id)
        .sort(),
    ).toEqual([ids.redShirt, ids.blueShirt, ids.greenShirt, ids.sameShirt, ids.usdMug].sort());
    expect(answer.slice(5)).toEqual([{ id: ids.shoe }]);
    const soldOut = (await walk(openSearch, { inStock: false }, 'NEWEST')).flatMap((page) => page.nodes);
    expect(soldOut).toEqual([{ id: ids.greenShirt }]);
  });

  it('answers every visible product identically by id, each image with its alt text included', async () => {
    const visible = (await walk(memory, {}, 'NEWEST')).flatMap((page) => page.nodes.map((node) => node.id));
    expect(visible).toContain(ids.lamp);
    for (const id of visible) {
      const [fromMemory, fromOpenSearch] = await Promise.all(
        engines.map(
          async ([, harness]) => (await harness.ok<{ product: object }>(PRODUCT_VIEW, { id })).product,
        ),
      );
      expect(fromOpenSearch).toEqual(fromMemory);
    }
    const lamp = await openSearch.ok<{ product: { images: string[]; imageAlts: string[] } }>(PRODUCT_VIEW, {
      id: ids.lamp,
    });
    expect(lamp.product.imageAlts).toEqual(['White ceramic lamp, front view', 'The lamp switched on']);
    expect(lamp.product.images).toHaveLength(2);
  });

  it('never shows drafts, archived, removed or suspended-tenant products, not even by id or slug', async () => {
    for (const [, harness] of engines) {
      for (const id of hidden) {
        const answer = await harness.ok<{ product: { id: string } | null }>(
          'query($id: ID!) { product(id: $id) { id } }',
          { id },
        );
        expect(answer.product).toBeNull();
      }
      const sellers = (await walk(harness, {}, 'NEWEST'))[0]!.facets.sellers.map((s) => s.value);
      expect(sellers.sort()).toEqual([sellerA.tenantId, sellerB.tenantId].sort());
    }
  });

  it("isolates tenants: a seller filter answers only that seller's products in both engines", async () => {
    for (const seller of [sellerA, sellerB, sellerC]) {
      for (const [, harness] of engines) {
        const pages = await walk(harness, { sellerId: seller.tenantId }, 'NEWEST');
        const found = pages.flatMap((page) => page.nodes.map((node) => node.id));
        const owned = await Promise.all(
          found.map(
            async (id) =>
              (
                await harness.ok<{ product: { tenantId: string } }>(
                  'query($id: ID!) { product(id: $id) { tenantId } }',
                  { id },
                )
              ).product.tenantId,
          ),
        );
        expect(new Set(owned)).toEqual(new Set(found.length > 0 ? [seller.tenantId] : []));
        if (seller === sellerC) expect(found).toEqual([]);
      }
    }
  });

  it('rebuilds OpenSearch from MongoDB into a new index and moves the alias while searches keep answering', async () => {
    const aliasIndices = async () =>
      Object.keys((await (await fetch(`${openSearchUrl}/_alias/${openSearchIndex}`)).json()) as object);
    const before = await aliasIndices();
    const admin = await createTestAdmin();
    let rebuilding = true;
    const answers: number[] = [];
    const searching = (async () => {
      while (rebuilding) {
        const answer = await openSearch.gql<{ products: Answer }>(SEARCH, {
          s: {},
          sort: 'NEWEST',
          first: 2,
        });
        answers.push(answer.errors ? -1 : answer.data!.products.totalCount);
      }
    })();
    const status = await openSearch.rebuildSearchIndex(admin.token).finally(() => {
      rebuilding = false;
    });
    await searching;

    // Both engines count the indexed products the same way (a suspended tenant's included, hidden at query time).
    const inMemory = await memory.ok<{ searchIndexStatus: { products: number } }>(
      '{ searchIndexStatus { products } }',
      {},
      admin.token,
    );
    expect(status.products).toBe(inMemory.searchIndexStatus.products);
    const visible = (await walk(memory, {}, 'NEWEST'))[0]!.totalCount;
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set([visible]));
    const after = await aliasIndices();
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect(await enginesAgree()).toBe(true);
  });

  it('shows a change through the other replica within seconds (the indexer follows the product events)', async () => {
    await memory.ok(
      'mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }',
      { id: ids.lamp, input: { title: 'Porcelain table lamp' } },
      sellerB.owner.token,
    );
    await waitFor('OpenSearch to find the renamed lamp', async () => {
      const nodes = (await walk(openSearch, { text: 'porcelain' }, 'RELEVANCE')).flatMap(
        (page) => page.nodes,
      );
      return nodes.length === 1 ? true : undefined;
    });
    expect(await enginesAgree()).toBe(true);
  });

  it("drops a deleted seller's documents from OpenSearch once the catalog confirmed their erasure", async () => {
    const documentsOf = async (tenantId: string) => {
      const answer = await fetch(`${openSearchUrl}/${openSearchIndex}/_count`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: { term: { tenantId } } }),
      });
      return ((await answer.json()) as { count: number }).count;
    };
    expect(await documentsOf(sellerC.tenantId)).toBeGreaterThan(0);
    const othersBefore = await documentsOf(sellerB.tenantId);
    const erased = TenantDataDeleted.create(
      {
        deletionId: ulid(),
        tenantId: sellerC.tenantId,
        service: 'catalog',
        deleted: { products: 1 },
        anonymized: {},
        deletedAt: new Date().toISOString(),
      },
      { tenantId: null },
    );
    const kafka = new KafkaSender({
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
      clientId: 'conformance',
    });
    await kafka.send([
      { topic: erased.topic, key: sellerC.tenantId, value: JSON.stringify(erased.envelope), headers: {} },
    ]);
    await kafka.close();
    await waitFor('the indexer to drop the deleted seller', async () =>
      (await documentsOf(sellerC.tenantId)) === 0 ? true : undefined,
    );
    expect(await documentsOf(sellerB.tenantId)).toBe(othersBefore);
  });
});
