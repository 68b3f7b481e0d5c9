import { createTestAdmin, createTestTenant, type TestTenant } from '@marketplace/testing';
import { StockLevelsService } from '../src/stock/stock-levels.service';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  PUBLISH_PRODUCT,
  productInput,
  type CreatedProduct,
} from './support';

const harness = new CatalogHarness();
let sellerA: TestTenant;
let sellerB: TestTenant;
const categories: Record<string, string> = {};
const ids: Record<string, string> = {};

interface SearchAnswer {
  products: {
    totalCount: number;
    nodes: { id: string; title: string; minPrice: number }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets?: {
      categories: { value: string; label: string; count: number }[];
      sellers: { value: string; count: number }[];
      attributes: { name: string; values: { value: string; count: number }[] }[];
      priceBuckets: { min: number; max: number | null; count: number }[];
    };
  };
}

const SEARCH = `query($s: ProductSearchInput, $sort: ProductSort, $first: Int, $after: String) {
  products(search: $s, sort: $sort, first: $first, after: $after) {
    totalCount
    nodes { id title minPrice }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SEARCH_WITH_FACETS = SEARCH.replace(
  'pageInfo { hasNextPage endCursor }',
  `pageInfo { hasNextPage endCursor }
   facets { categories { value label count } sellers { value count } attributes { name values { value count } } priceBuckets { min max count } }`,
);

const search = async (s: object, extra: object = {}) =>
  (await harness.ok<SearchAnswer>(SEARCH, { s, ...extra })).products;
const titles = (answer: SearchAnswer['products']) => answer.nodes.map((e) => e.title).sort();

async function addCategory(token: string, name: string, parent?: string): Promise<string> {
  const answer = await harness.ok<{ createCategory: { id: string } }>(
    'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
    {
      input: {
        name,
        slug: `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        ...(parent ? { parentId: parent } : {}),
      },
    },
    token,
  );
  return answer.createCategory.id;
}

async function addProduct(
  seller: TestTenant,
  key: string,
  fields: Record<string, unknown>,
  published = true,
) {
  const created = (
    await harness.ok<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput({ options: [], description: 'Made to last', ...fields }) },
      seller.owner.token,
    )
  ).createProduct;
  if (published) await harness.ok(PUBLISH_PRODUCT, { id: created.id }, seller.owner.token);
  ids[key] = created.id;
  return created;
}

const variant = (sku: string, priceMinor: number) => [{ sku, priceMinor }];

beforeAll(async () => {
  await harness.start();
  const [a, b, admin] = await Promise.all([createTestTenant(), createTestTenant(), createTestAdmin()]);
  sellerA = a;
  sellerB = b;
  categories.apparel = await addCategory(admin.token, 'Apparel');
  categories.shirts = await addCategory(admin.token, 'Shirts', categories.apparel);
  categories.shoes = await addCategory(admin.token, 'Shoes', categories.apparel);
  categories.home = await addCategory(admin.token, 'Home');
  categories.lamps = await addCategory(admin.token, 'Lamps', categories.home);

  await addProduct(sellerA, 'redShirt', {
    title: 'Red linen shirt',
    categoryId: categories.shirts,
    attributes: [{ name: 'Color', value: 'red' }],
    variants: variant('RS-1', 1000),
  });
  await addProduct(sellerA, 'blueShirt', {
    title: 'Blue oxford shirt',
    categoryId: categories.shirts,
    attributes: [{ name: 'color', value: 'blue' }],
    variants: variant('BS-1', 3000),
  });
  await addProduct(sellerA, 'shoe', {
    title: 'Trail running shoe',
    description: 'Grippy soles',
    categoryId: categories.shoes,
    attributes: [{ name: 'color', value: 'red' }],
    variants: variant('TS-1', 6000),
  });
  await addProduct(
    sellerA,
    'draft',
    {
      title: 'Draft shirt',
      categoryId: categories.shirts,
      attributes: [{ name: 'color', value: 'red' }],
      variants: variant('DS-1', 1500),
    },
    false,
  );
  await addProduct(sellerB, 'lamp', {
    title: 'Céramic table lamp',
    categoryId: categories.lamps,
    attributes: [{ name: 'color', value: 'white' }],
    variants: variant('CL-1', 2000),
  });
  await addProduct(sellerB, 'greenShirt', {
    title: 'Green flannel shirts',
    categoryId: categories.shirts,
    attributes: [{ name: 'color', value: 'green' }],
    variants: variant('GS-1', 12000),
  });
  // Stock levels arrive from inventory events; the service is what that consumer feeds.
  const stockLevels = harness.app.get(StockLevelsService);
  await stockLevels.report({ tenantId: sellerB.tenantId, sku: 'GS-1', available: 0 });
  await stockLevels.flush();
});

afterAll(() => harness.stop());

describe('catalog search: filters', () => {
  it('finds a category with all its descendants', async () => {
    expect(titles(await search({ categoryId: categories.apparel }))).toEqual([
      'Blue oxford shirt',
      'Green flannel shirts',
      'Red linen shirt',
      'Trail running shoe',
    ]);
    expect((await search({ categoryId: categories.shirts })).totalCount).toBe(3);
  });

  it('filters by price range in a currency, seller, attributes and stock', async () => {
    expect(titles(await search({ currency: 'EUR', minPrice: 1000, maxPrice: 3000 }))).toEqual([
      'Blue oxford shirt',
      'Céramic table lamp',
      'Red linen shirt',
    ]);
    expect((await search({ currency: 'USD', minPrice: 0 })).totalCount).toBe(0);
    expect(titles(await search({ sellerId: sellerB.tenantId }))).toEqual([
      'Céramic table lamp',
      'Green flannel shirts',
    ]);
    expect(titles(await search({ attributes: [{ name: 'color', values: ['red'] }] }))).toEqual([
      'Red linen shirt',
      'Trail running shoe',
    ]);
    expect(
      titles(
        await search({
          categoryId: categories.shirts,
          attributes: [{ name: 'Color', values: ['red', 'blue'] }],
        }),
      ),
    ).toEqual(['Blue oxford shirt', 'Red linen shirt']);
    expect((await search({ inStock: true })).totalCount).toBe(4);
    expect(titles(await search({ inStock: false }))).toEqual(['Green flannel shirts']);
  });

  it('matches normalized text: accents, plurals, a prefix of the last word; title matches rank first', async () => {
    expect(titles(await search({ text: 'SHIRTS' }))).toEqual([
      'Blue oxford shirt',
      'Green flannel shirts',
      'Red linen shirt',
    ]);
    expect(titles(await search({ text: 'ceramic' }))).toEqual(['Céramic table lamp']);
    expect(titles(await search({ text: 'lam' }))).toEqual(['Céramic table lamp']);
    const ranked = await search({ text: 'red sh' }, { sort: 'RELEVANCE' });
    expect(ranked.nodes.map((e) => e.title)).toEqual(['Red linen shirt', 'Trail running shoe']);
    expect(titles(await search({ text: 'grippy' }))).toEqual(['Trail running shoe']);
  });

  it('sorts by price both ways', async () => {
    expect((await search({}, { sort: 'PRICE_ASC' })).nodes.map((e) => e.minPrice)).toEqual([
      1000, 2000, 3000, 6000, 12000,
    ]);
    expect((await search({}, { sort: 'PRICE_DESC' })).nodes.map((e) => e.minPrice)).toEqual([
      12000, 6000, 3000, 2000, 1000,
    ]);
  });
});

describe('catalog search: facets', () => {
  it('counts categories (with ancestors), sellers, attribute values and price buckets of the result set', async () => {
    const { facets, totalCount } = (
      await harness.ok<SearchAnswer>(SEARCH_WITH_FACETS, { s: { currency: 'EUR' } })
    ).products;
    expect(totalCount).toBe(5);
    const byValue = Object.fromEntries(facets!.categories.map((c) => [c.label, c.count]));
    expect(byValue).toEqual({ Apparel: 4, Shirts: 3, Shoes: 1, Home: 1, Lamps: 1 });
    expect(Object.fromEntries(facets!.sellers.map((s) => [s.value, s.count]))).toEqual({
      [sellerA.tenantId]: 3,
      [sellerB.tenantId]: 2,
    });
    expect(facets!.attributes).toEqual([
      {
        name: 'color',
        values: expect.arrayContaining([
          { value: 'red', count: 2 },
          { value: 'blue', count: 1 },
          { value: 'white', count: 1 },
          { value: 'green', count: 1 },
        ]),
      },
    ]);
    expect(facets!.priceBuckets.map((b) => b.count)).toEqual([0, 2, 1, 1, 1, 0]);

    const narrowed = (
      await harness.ok<SearchAnswer>(SEARCH_WITH_FACETS, { s: { categoryId: categories.shirts } })
    ).products;
    expect(Object.fromEntries(narrowed.facets!.categories.map((c) => [c.label, c.count]))).toEqual({
      Apparel: 3,
      Shirts: 3,
    });
    expect(narrowed.facets!.priceBuckets).toEqual([]);
  });
});

describe('catalog search: pagination', () => {
  it('walks every product exactly once while new products are inserted concurrently', async () => {
    const inserter = await createTestTenant();
    for (let i = 0; i < 12; i += 1) {
      await addProduct(sellerA, `page-${i}`, {
        title: `Paged scarf ${i}`,
        variants: variant(`PG-${i}`, 500 + (i % 4) * 100),
      });
    }
    for (const sort of ['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RELEVANCE']) {
      const before = new Set((await search({}, { first: 100 })).nodes.map((e) => e.id));
      const seen: string[] = [];
      let after: string | null = null;
      let inserted = 0;
      do {
        const pageArgs: { sort: string; first: number; after?: string } = { sort, first: 3 };
        if (after) pageArgs.after = after;
        const [page] = await Promise.all([
          search({}, pageArgs),
          addProduct(inserter, `concurrent-${sort}-${inserted}`, {
            title: `Concurrent scarf ${inserted}`,
            variants: variant(`CC-${sort}-${inserted}`, 100 + inserted * 997),
          }),
        ]);
        inserted += 1;
        seen.push(...page.nodes.map((e) => e.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
    }
  });
});
