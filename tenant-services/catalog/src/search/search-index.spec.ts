import type { ProductDocument } from '../products/product.document';
import { productTokens } from '../shared/text-tokens';
import { ProductSearchIndex, type SortField } from './search-index';

let sequence = 0;

/** A published product; its tokens are derived from title, attributes and description as the catalog does. */
function product(fields: Partial<ProductDocument>): ProductDocument {
  sequence += 1;
  const id = fields._id ?? `P${String(sequence).padStart(4, '0')}`;
  const title = fields.title ?? 'Product';
  return {
    _id: id,
    tenantId: 'tenant-a',
    slug: `slug-${id}`,
    title: 'Product',
    description: '',
    status: 'published',
    moderation: 'none',
    categoryId: null,
    categoryPath: [],
    attributes: [],
    attributePairs: [],
    options: [],
    variants: [],
    images: [],
    currency: 'EUR',
    minPrice: 1000,
    maxPrice: 1000,
    inStock: true,
    ratingAvg: 0,
    tenantStatus: 'active',
    ...productTokens(title, fields.attributes ?? [], fields.description ?? ''),
    createdAt: new Date(0),
    updatedAt: new Date(0),
    publishedAt: new Date(sequence * 1000),
    deletedAt: null,
    rev: 1,
    pendingEventCount: 0,
    ...fields,
  };
}

function ids(
  index: ProductSearchIndex,
  criteria = {},
  field: SortField = 'publishedAt',
  direction: 1 | -1 = -1,
) {
  return index
    .match(criteria)
    .walk(field, direction, undefined, 100)
    .map((row) => row.doc._id);
}

describe('ProductSearchIndex', () => {
  it('keeps drafts, archived, removed and deleted products out, and drops a product that stops being visible', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ _id: 'live' }));
    index.upsert(product({ _id: 'draft', status: 'draft' }));
    index.upsert(product({ _id: 'archived', status: 'archived' }));
    index.upsert(product({ _id: 'removed', moderation: 'removed' }));
    index.upsert(product({ _id: 'deleted', deletedAt: new Date() }));
    expect(ids(index)).toEqual(['live']);

    index.upsert(product({ _id: 'live', status: 'archived' }));
    expect(ids(index)).toEqual([]);
    expect(index.get('live')).toBeUndefined();
  });

  it('sorts by average rating and filters by a minimum rating, carrying the review count', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ _id: 'unrated' }));
    index.upsert(product({ _id: 'good', ratingAvg: 4.5, ratingCount: 12 }));
    index.upsert(product({ _id: 'fair', ratingAvg: 3, ratingCount: 2 }));
    index.upsert(product({ _id: 'poor', ratingAvg: 1.5, ratingCount: 4 }));
    expect(ids(index, {}, 'ratingAvg', -1)).toEqual(['good', 'fair', 'poor', 'unrated']);
    expect(ids(index, { minRating: 3 }, 'ratingAvg', -1)).toEqual(['good', 'fair']);
    expect(index.get('good')).toMatchObject({ ratingAvg: 4.5, ratingCount: 12 });

    index.upsert(product({ _id: 'poor', ratingAvg: 4, ratingCount: 5 }));
    expect(ids(index, { minRating: 3 }, 'ratingAvg', -1)).toEqual(['good', 'poor', 'fair']);
  });

  it('hides every product of a suspended tenant and shows them again on reactivation, ignoring older news', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ _id: 'a1', tenantId: 'a' }));
    index.upsert(product({ _id: 'b1', tenantId: 'b' }));
    index.setTenantStatus('a', 'suspended', new Date(2000));
    expect(ids(index)).toEqual(['b1']);
    expect(index.get('a1')).toBeUndefined();

    index.setTenantStatus('a', 'active', new Date(1000));
    expect(ids(index)).toEqual(['b1']);
    index.setTenantStatus('a', 'active', new Date(3000));
    expect(ids(index).sort()).toEqual(['a1', 'b1']);
  });

  it('drops every product of a deleted tenant, hidden ones included, and nothing of the others', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ _id: 'a1', tenantId: 'a' }));
    index.upsert(product({ _id: 'a2', tenantId: 'a', slug: 'a-two' }));
    index.upsert(product({ _id: 'b1', tenantId: 'b' }));
    index.setTenantStatus('a', 'suspended', new Date(1000));
    expect(index.size).toBe(3);

    expect(index.removeTenant('a').sort()).toEqual(['a1', 'a2']);
    expect(index.size).toBe(1);
    expect(index.updatedAtOf('a1')).toBeUndefined();
    // A late reactivation of the deleted tenant brings nothing back.
    index.setTenantStatus('a', 'active', new Date(2000));
    expect(ids(index)).toEqual(['b1']);
    expect(index.getBySlug('a-two')).toBeUndefined();
    expect(index.removeTenant('unknown')).toEqual([]);
  });

  it('matches every complete word exactly and the last one as a prefix', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ _id: 'scarf', title: 'Wool scarf' }));
    index.upsert(product({ _id: 'hat', title: 'Wool hat' }));
    index.upsert(product({ _id: 'linen', title: 'Linen scarves' }));
    expect(ids(index, { text: 'wool sca' })).toEqual(['scarf']);
    expect(ids(index, { text: 'wo' }).sort()).toEqual(['hat', 'scarf']);
    expect(ids(index, { text: 'scar' }).sort()).toEqual(['linen', 'scarf']);
    expect(ids(index, { text: 'silk' })).toEqual([]);
  });

  it('combines category, seller, attribute alternatives, price, currency and stock filters', () => {
    const index = new ProductSearchIndex();
    index.upsert(
      product({ _id: 'red', categoryPath: ['home', 'lamps'], attributePairs: ['color=red'], minPrice: 500 }),
    );
    index.upsert(
      product({ _id: 'blue', categoryPath: ['home'], attributePairs: ['color=blue'], minPrice: 1500 }),
    );
    index.upsert(
      product({ _id: 'green', categoryPath: ['home'], attributePairs: ['color=green'], inStock: false }),
    );
    index.upsert(product({ _id: 'usd', categoryPath: ['home'], currency: 'USD', tenantId: 'tenant-b' }));

    expect(ids(index, { categoryId: 'lamps' })).toEqual(['red']);
    expect(
      ids(index, { categoryId: 'home', attributes: [{ name: 'Color', values: ['red', 'blue'] }] }).sort(),
    ).toEqual(['blue', 'red']);
    expect(ids(index, { currency: 'EUR', minPrice: 1000, maxPrice: 1500 }).sort()).toEqual(['blue', 'green']);
    expect(ids(index, { inStock: false })).toEqual(['green']);
    expect(ids(index, { sellerId: 'tenant-b' })).toEqual(['usd']);
  });

  it('counts facets over the whole result set and price buckets only within one currency', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ categoryPath: ['home', 'lamps'], attributePairs: ['color=red'], minPrice: 500 }));
    index.upsert(product({ categoryPath: ['home'], attributePairs: ['color=red'], minPrice: 3000 }));
    index.upsert(product({ categoryPath: ['garden'], tenantId: 'tenant-b', minPrice: 30000 }));

    const all = index.match({}).facets();
    expect(all.categories).toEqual([
      { value: 'home', count: 2 },
      { value: 'garden', count: 1 },
      { value: 'lamps', count: 1 },
    ]);
    expect(all.sellers).toEqual([
      { value: 'tenant-a', count: 2 },
      { value: 'tenant-b', count: 1 },
    ]);
    expect(all.attributePairs).toEqual([{ value: 'color=red', count: 2 }]);
    expect(all.priceBuckets).toEqual([]);

    const eur = index.match({ currency: 'EUR' }).facets().priceBuckets;
    expect(eur.map((bucket) => bucket.count)).toEqual([1, 0, 1, 0, 0, 1]);
    expect(eur.at(-1)).toEqual({ min: 25000, max: null, count: 1 });
  });

  it('counts each search afresh: one search’s facets never carry into the next, as new terms arrive too', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ title: 'Red lamp', categoryPath: ['home'], attributePairs: ['color=red'] }));
    index.upsert(product({ title: 'Blue lamp', categoryPath: ['home'], tenantId: 'tenant-b' }));
    expect(index.match({ text: 'lamp' }).facets().sellers).toEqual([
      { value: 'tenant-a', count: 1 },
      { value: 'tenant-b', count: 1 },
    ]);
    index.upsert(product({ title: 'Green rug', categoryPath: ['garden'], tenantId: 'tenant-c' }));
    const rugs = index.match({ text: 'rug' }).facets();
    expect(rugs.sellers).toEqual([{ value: 'tenant-c', count: 1 }]);
    expect(rugs.categories).toEqual([{ value: 'garden', count: 1 }]);
    expect(rugs.attributePairs).toEqual([]);
    expect(index.match({ text: 'lamp' }).facets().categories).toEqual([{ value: 'home', count: 2 }]);
  });

  it('walks from a position in either direction with ties broken by id, missing values lowest', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ _id: 'B', minPrice: 100 }));
    index.upsert(product({ _id: 'A', minPrice: 100 }));
    index.upsert(product({ _id: 'C', minPrice: 50 }));
    index.upsert(product({ _id: 'N', minPrice: undefined as unknown as number }));

    expect(ids(index, {}, 'minPrice', 1)).toEqual(['N', 'C', 'A', 'B']);
    const matches = index.match({});
    expect(matches.walk('minPrice', 1, { value: 100, id: 'A' }, 10).map((r) => r.doc._id)).toEqual(['B']);
    expect(matches.walk('minPrice', -1, { value: 100, id: 'B' }, 10).map((r) => r.doc._id)).toEqual([
      'A',
      'C',
      'N',
    ]);
    expect(matches.walk('minPrice', 1, { value: null, id: 'N' }, 1).map((r) => r.value)).toEqual([50]);
  });

  it('pages a small result set by cursor the same way as a large one', () => {
    const index = new ProductSearchIndex();
    for (let i = 0; i < 64; i += 1) index.upsert(product({ _id: `q${i}`, minPrice: i % 4, inStock: i >= 3 }));
    const matches = index.match({ inStock: false });
    expect(matches.count).toBe(3);
    const first = matches.walk('minPrice', -1, undefined, 2);
    expect(first.map((row) => row.doc._id)).toEqual(['q2', 'q1']);
    const last = first.at(-1)!;
    expect(
      matches.walk('minPrice', -1, { value: last.value, id: last.doc._id }, 2).map((r) => r.doc._id),
    ).toEqual(['q0']);
  });

  it('walks only the filtered price range when sorting by price, across pages', () => {
    const index = new ProductSearchIndex();
    for (let i = 0; i < 40; i += 1)
      index.upsert(product({ _id: `r${String(i).padStart(2, '0')}`, minPrice: i * 100 }));
    const matches = index.match({ currency: 'EUR', minPrice: 1000, maxPrice: 1500 });
    const page = (direction: 1 | -1, after?: { value: number | null; id: string }) =>
      matches.walk('minPrice', direction, after, 4).map((row) => row.doc._id);
    expect(page(-1)).toEqual(['r15', 'r14', 'r13', 'r12']);
    expect(page(-1, { value: 1200, id: 'r12' })).toEqual(['r11', 'r10']);
    expect(page(1, { value: 1300, id: 'r13' })).toEqual(['r14', 'r15']);
    expect(page(1, { value: 1500, id: 'r15' })).toEqual([]);
    expect(page(-1, { value: 1000, id: 'r10' })).toEqual([]);
  });

  it('answers the same after compaction, when replaced slots outnumber live ones', () => {
    const index = new ProductSearchIndex();
    for (let i = 0; i < 50; i += 1) index.upsert(product({ _id: `p${i}`, title: 'Brass lamp', minPrice: i }));
    for (let round = 0; round < 30; round += 1) {
      for (let i = 0; i < 50; i += 1)
        index.upsert(product({ _id: `p${i}`, title: 'Brass lamp', minPrice: i, ratingAvg: round }));
    }
    const before = ids(index, { text: 'lamp' }, 'minPrice', 1);
    index.compactIfSparse();
    expect(ids(index, { text: 'lamp' }, 'minPrice', 1)).toEqual(before);
    expect(before).toHaveLength(50);
    expect(index.size).toBe(50);
  });

  it('finds a visible product by slug, and not after its slug changed', () => {
    const index = new ProductSearchIndex();
    index.upsert(product({ _id: 'p', slug: 'old-slug' }));
    index.upsert(product({ _id: 'p', slug: 'new-slug' }));
    expect(index.getBySlug('old-slug')).toBeUndefined();
    expect(index.getBySlug('new-slug')?._id).toBe('p');
  });
});
