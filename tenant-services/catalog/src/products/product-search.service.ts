import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type CursorCodec, opaqueCursor, pageOf } from '@marketplace/service-kit';
import { z } from 'zod';
import { CategoriesService } from '../categories/categories.service';
import type { SortField, WalkPosition, WalkRow } from '../search/search-index';
import { SearchIndexService } from '../search/search-index.service';
import { queryTokens } from '../shared/text-tokens';
import type { ProductView } from './product.document';
import { ProductSort, type ProductSearch, type SearchArgs } from './product.inputs';
import type { AttributeFacetModel, FacetCountModel, SearchFacetsModel } from './product.model';

interface SortSpec {
  field: SortField;
  direction: 1 | -1;
}

const SORTS: Record<ProductSort, SortSpec> = {
  [ProductSort.RELEVANCE]: { field: 'publishedAt', direction: -1 },
  [ProductSort.NEWEST]: { field: 'publishedAt', direction: -1 },
  [ProductSort.PRICE_ASC]: { field: 'minPrice', direction: 1 },
  [ProductSort.PRICE_DESC]: { field: 'minPrice', direction: -1 },
  [ProductSort.RATING]: { field: 'ratingAvg', direction: -1 },
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
 * Buyer search over every tenant's products, answered from the replica's in-memory index (ADR 0008), which
 * holds only published, not removed, not deleted products and knows which tenants are active.
 */
@Injectable()
export class ProductSearchService {
  constructor(
    @Inject(SearchIndexService) private readonly searchIndex: SearchIndexService,
    @Inject(CategoriesService) private readonly categories: CategoriesService,
  ) {}

  byId(id: string): ProductView | null {
    return this.searchIndex.index.get(id) ?? null;
  }

  bySlug(slug: string): ProductView | null {
    return this.searchIndex.index.getBySlug(slug) ?? null;
  }

  search(args: SearchArgs): SearchPage {
    const spec = SORTS[args.sort];
    const cursors = searchCursors[args.sort];
    const cursor = args.after ? cursors.decode(args.after) : undefined;
    const position: WalkPosition | undefined = cursor && { value: cursor.v, id: cursor.id, tier: cursor.t };
    const text = args.search.text ? queryTokens(args.search.text) : undefined;
    const matches = this.searchIndex.index.match(args.search);
    const limit = args.first + 1;

    let rows: WalkRow[];
    if (args.sort === ProductSort.RELEVANCE && text?.prefix !== undefined) {
      // Two tiers: title holds every query word, then the rest; newest first inside each tier.
      const { exact, prefix } = text;
      const inTitle = (title: string) =>
        exact.every((word) => title.includes(` ${word} `)) && title.includes(` ${prefix}`);
      rows = [];
      if (position?.tier !== 0) {
        const top = matches.walk(spec.field, spec.direction, position, limit, inTitle);
        rows.push(...top.map((row) => ({ ...row, tier: 1 as const })));
      }
      if (rows.length < limit) {
        const rest = matches.walk(
          spec.field,
          spec.direction,
          position?.tier === 0 ? position : undefined,
          limit - rows.length,
          (title) => !inTitle(title),
        );
        rows.push(...rest.map((row) => ({ ...row, tier: 0 as const })));
      }
    } else {
      rows = matches.walk(spec.field, spec.direction, position, limit);
    }

    const page = pageOf(rows, args.first, ({ doc, value, tier }) =>
      cursors.encode({ s: args.sort, v: value, id: doc._id, ...(tier === undefined ? {} : { t: tier }) }),
    );
    return { ...page, search: args.search };
  }

  count(search: ProductSearch): number {
    return this.searchIndex.index.match(search).count;
  }

  async facets(search: ProductSearch): Promise<SearchFacetsModel> {
    const facets = this.searchIndex.index.match(search).facets();
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
