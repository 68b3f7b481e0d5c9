import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type CursorCodec, opaqueCursor, pageOf } from '@marketplace/service-kit';
import { z } from 'zod';
import { CategoriesService } from '../categories/categories.service';
import type { WalkPosition, WalkRow } from '../search/search-index';
import { BUYER_SEARCH_ENGINE, type BuyerSearchEngine, type SearchOrder } from '../search/search-engine';
import type { ProductView } from './product.document';
import { ProductSort, type ProductSearch, type SearchArgs } from './product.inputs';
import type { AttributeFacetModel, FacetCountModel, SearchFacetsModel } from './product.model';

const ORDERS: Record<ProductSort, SearchOrder> = {
  [ProductSort.RELEVANCE]: { field: 'publishedAt', direction: -1, tiered: true },
  [ProductSort.NEWEST]: { field: 'publishedAt', direction: -1, tiered: false },
  [ProductSort.PRICE_ASC]: { field: 'minPrice', direction: 1, tiered: false },
  [ProductSort.PRICE_DESC]: { field: 'minPrice', direction: -1, tiered: false },
  [ProductSort.RATING]: { field: 'ratingAvg', direction: -1, tiered: false },
};

export interface SearchPage extends Connection<WalkRow> {
  /** The search, for counts and facets computed on demand. */
  search: ProductSearch;
}

/**
 * Keyset position of a search: the sort value of the last row seen (epoch milliseconds for dates, null when
 * missing), its id as tie-breaker and, in relevance order, its tier. A cursor made for another sort is refused.
 */
const searchCursors = Object.fromEntries(
  Object.values(ProductSort).map((sort) => [
    sort,
    opaqueCursor(
      z.object({
        s: z.literal(sort),
        v: z.number().nullable(),
        id: z.string().min(1),
        t: z.union([z.literal(0), z.literal(1)]).optional(),
      }),
    ),
  ]),
) as Record<ProductSort, CursorCodec<SearchPosition>>;

interface SearchPosition {
  s: ProductSort;
  v: number | null;
  id: string;
  t?: 0 | 1;
}

/**
 * Buyer search over every tenant's products through the configured engine (ADR 0041): the in-memory index
 * (ADR 0008) or OpenSearch. Both hold only published, not removed, not deleted products and know which
 * tenants are active; this service owns what is engine-independent: cursors, page shape, facet labels.
 */
@Injectable()
export class ProductSearchService {
  constructor(
    @Inject(BUYER_SEARCH_ENGINE) private readonly engine: BuyerSearchEngine,
    @Inject(CategoriesService) private readonly categories: CategoriesService,
  ) {}

  byId(id: string): Promise<ProductView | null> {
    return this.engine.byId(id);
  }

  bySlug(slug: string): Promise<ProductView | null> {
    return this.engine.bySlug(slug);
  }

  async search(args: SearchArgs): Promise<SearchPage> {
    const cursors = searchCursors[args.sort];
    const cursor = args.after ? cursors.decode(args.after) : undefined;
    const position: WalkPosition | undefined = cursor && { value: cursor.v, id: cursor.id, tier: cursor.t };
    const rows = await this.engine.walk(args.search, ORDERS[args.sort], position, args.first + 1);
    const page = pageOf(rows, args.first, ({ doc, value, tier }) =>
      cursors.encode({ s: args.sort, v: value, id: doc._id, ...(tier === undefined ? {} : { t: tier }) }),
    );
    return { ...page, search: args.search };
  }

  count(search: ProductSearch): Promise<number> {
    return this.engine.count(search);
  }

  async facets(search: ProductSearch): Promise<SearchFacetsModel> {
    const facets = await this.engine.facets(search);
    const names = await this.categories.byIds(facets.categories.map((c) => c.value));
    return {
      categories: facets.categories.map((c) => ({ ...c, label: names.get(c.value)?.name ?? c.value })),
      sellers: facets.sellers,
      attributes: groupAttributePairs(facets.attributePairs),
      priceBuckets: facets.priceBuckets,
    };
  }
}

function groupAttributePairs(pairs: FacetCountModel[]): AttributeFacetModel[] {
  const byName = new Map<string, FacetCountModel[]>();
  for (const pair of pairs) {
    const separator = pair.value.indexOf('=');
    const name = pair.value.slice(0, separator);
    const values = byName.get(name) ?? [];
    values.push({ value: pair.value.slice(separator + 1), count: pair.count });
    byName.set(name, values);
  }
  return [...byName.entries()].map(([name, values]) => ({ name, values }));
}
