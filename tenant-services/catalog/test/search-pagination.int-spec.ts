import { createTestAdmin } from '@marketplace/testing';
import { ulid } from 'ulid';
import { CatalogHarness } from './support';

/**
 * Keyset pagination at its edges, deterministically: many products share the same sort value (even the same
 * publishedAt millisecond), and some older documents lack the denormalized sort field or hold null. The
 * documents are stored directly, with nothing left in their outbox, so no other writer touches them while
 * the walks run; an admin's index rebuild brings them into search.
 */
const harness = new CatalogHarness();
const tenantId = `tenant-${ulid()}`;
const sameMoment = new Date();

interface Stored {
  _id: string;
  minPrice?: number | null;
  ratingAvg?: number | null;
  publishedAt?: Date | null;
  titleMatch: boolean;
}

const stored: Stored[] = [];

function store(fields: Partial<Stored>): void {
  stored.push({
    _id: ulid(),
    minPrice: 500,
    ratingAvg: 4,
    publishedAt: sameMoment,
    titleMatch: true,
    ...fields,
  });
}

function productDocument(product: Stored): Record<string, unknown> {
  const { titleMatch, ...sortFields } = product;
  return {
    tenantId,
    slug: `paged-${product._id.toLowerCase()}`,
    title: titleMatch ? 'Wool scarf' : 'Wool hat',
    description: titleMatch ? 'Warm' : 'Pairs with any scarf',
    status: 'published',
    moderation: 'none',
    categoryId: null,
    categoryPath: [],
    attributes: [],
    attributePairs: [],
    options: [],
    variants: [
      { id: ulid(), sku: `PG-${product._id}`, optionValues: [], priceMinor: 500, compareAtMinor: null },
    ],
    images: [],
    currency: 'EUR',
    maxPrice: 500,
    inStock: true,
    tenantStatus: 'active',
    tokens: titleMatch ? ['wool', 'scarf', 'warm'] : ['wool', 'hat', 'pair', 'with', 'any', 'scarf'],
    titleTokens: titleMatch ? ['wool', 'scarf'] : ['wool', 'hat'],
    createdAt: sameMoment,
    updatedAt: sameMoment,
    deletedAt: null,
    rev: 1,
    pendingEvents: {},
    pendingEventCount: 0,
    // An undefined field is left out, like in documents written before the field existed.
    ...Object.fromEntries(Object.entries(sortFields).filter(([, value]) => value !== undefined)),
  };
}

const WALK = `query($s: ProductSearchInput, $sort: ProductSort, $first: Int, $after: String) {
  products(search: $s, sort: $sort, first: $first, after: $after) {
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface WalkAnswer {
  products: {
    nodes: { id: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function walk(sort: string, first: number, search: object = {}): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const answer: WalkAnswer = await harness.ok<WalkAnswer>(WALK, {
      s: { sellerId: tenantId, ...search },
      sort,
      first,
      ...(after ? { after } : {}),
    });
    seen.push(...answer.products.nodes.map((e) => e.id));
    after = answer.products.pageInfo.hasNextPage ? answer.products.pageInfo.endCursor : null;
  } while (after);
  return seen;
}

/** MongoDB order: a missing or null value sorts below every number and date; the id breaks ties the same way. */
function expectedOrder(
  field: 'minPrice' | 'ratingAvg' | 'publishedAt',
  direction: 1 | -1,
  of = stored,
): string[] {
  const key = (p: Stored) => {
    const value = p[field];
    if (value === null || value === undefined) return Number.NEGATIVE_INFINITY;
    return value instanceof Date ? value.getTime() : value;
  };
  return [...of].sort((a, b) => (key(a) - key(b) || (a._id < b._id ? -1 : 1)) * direction).map((p) => p._id);
}

beforeAll(async () => {
  await harness.start();
  for (let i = 0; i < 8; i += 1) store({ titleMatch: i % 2 === 0 });
  store({ minPrice: 400, ratingAvg: 5, publishedAt: new Date(sameMoment.getTime() - 1) });
  store({ minPrice: 600, ratingAvg: 3, publishedAt: new Date(sameMoment.getTime() + 1), titleMatch: false });
  store({ ratingAvg: null, publishedAt: null });
  store({ ratingAvg: undefined, minPrice: null, titleMatch: false });
  store({ minPrice: undefined, publishedAt: undefined });
  store({ ratingAvg: null, minPrice: null, publishedAt: null, titleMatch: false });
  await harness.db.collection('products').insertMany(stored.map(productDocument));
  const admin = await createTestAdmin();
  const status = await harness.rebuildSearchIndex(admin.token);
  expect(status.products).toBe(stored.length);
});

afterAll(() => harness.stop());

describe('catalog search: keyset pagination edges', () => {
  it.each([
    ['NEWEST', 'publishedAt', -1],
    ['RELEVANCE', 'publishedAt', -1],
    ['PRICE_ASC', 'minPrice', 1],
    ['PRICE_DESC', 'minPrice', -1],
    ['RATING', 'ratingAvg', -1],
  ] as const)(
    '%s walks ties and missing sort values exactly once, in order, at any page size',
    async (sort, field, direction) => {
      const expected = expectedOrder(field, direction);
      for (const first of [1, 2, 3, 5]) expect(await walk(sort, first)).toEqual(expected);
    },
  );

  it('RELEVANCE with text walks title matches first, then the rest, across the tier boundary', async () => {
    const newestFirst = expectedOrder('publishedAt', -1);
    const titleMatches = new Set(stored.filter((p) => p.titleMatch).map((p) => p._id));
    const expected = [
      ...newestFirst.filter((id) => titleMatches.has(id)),
      ...newestFirst.filter((id) => !titleMatches.has(id)),
    ];
    for (const first of [1, 2, 4])
      expect(await walk('RELEVANCE', first, { text: 'scarf' })).toEqual(expected);
  });

  it('refuses a cursor whose sort value is not a number or date', async () => {
    const forged = Buffer.from(JSON.stringify({ s: 'PRICE_ASC', v: 'cheap', id: stored[0]!._id })).toString(
      'base64url',
    );
    const answer = await harness.gql(WALK, {
      s: { sellerId: tenantId },
      sort: 'PRICE_ASC',
      first: 2,
      after: forged,
    });
    expect(answer.errors?.[0]?.message).toBe('after: not a cursor this API returned');
    expect(answer.data).toBeNull();
  });
});
