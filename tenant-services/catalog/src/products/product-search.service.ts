import { Inject, Injectable } from '@nestjs/common';
import type { Filter, Sort } from 'mongodb';
import { CategoriesService } from '../categories/categories.service';
import { CatalogDatabase } from '../database/catalog-database';
import { decodeCursor, encodeCursor, type CursorPosition } from '../shared/cursor';
import { ValidationError } from '@marketplace/observability';
import { queryTokens } from '../shared/text-tokens';
import { BUYER_VISIBLE, type ProductDocument } from './product.document';
import { ProductSort, type ProductSearch, type SearchArgs } from './product.inputs';
import type {
  AttributeFacetModel,
  FacetCountModel,
  PriceBucketModel,
  SearchFacetsModel,
} from './product.model';
import { attributePair } from './products.service';

type ProductFilter = Filter<ProductDocument>;

interface SortSpec {
  field: 'minPrice' | 'publishedAt' | 'ratingAvg';
  direction: 1 | -1;
}

const SORTS: Record<ProductSort, SortSpec> = {
  [ProductSort.RELEVANCE]: { field: 'publishedAt', direction: -1 },
  [ProductSort.NEWEST]: { field: 'publishedAt', direction: -1 },
  [ProductSort.PRICE_ASC]: { field: 'minPrice', direction: 1 },
  [ProductSort.PRICE_DESC]: { field: 'minPrice', direction: -1 },
  [ProductSort.RATING]: { field: 'ratingAvg', direction: -1 },
};

/** Upper bounds (exclusive, minor units) of the "from" price buckets; the last bucket is open-ended. */
const PRICE_BUCKET_BOUNDS = [1000, 2500, 5000, 10000, 25000];
const FACET_LIMIT = 50;

export interface SearchPage {
  items: { cursor: string; doc: ProductDocument }[];
  hasNextPage: boolean;
  /** The filter of the result set, for counts and facets computed on demand. */
  filter: ProductFilter;
  search: ProductSearch;
}

/**
 * Buyer search over every tenant's products. It reads the raw collection because buyers see all sellers,
 * but every query starts from BUYER_VISIBLE (published, not removed, tenant active, not deleted).
 * Query shapes stay within what FerretDB 1.x executes: plain filters, keyset `$or`, and one
 * `$unwind`+`$group`/`$sum` pipeline per facet (ADR 0004).
 */
@Injectable()
export class ProductSearchService {
  constructor(
    @Inject(CatalogDatabase) private readonly database: CatalogDatabase,
    @Inject(CategoriesService) private readonly categories: CategoriesService,
  ) {}

  async byId(id: string): Promise<ProductDocument | null> {
    return this.database.rawProducts.findOne({ ...BUYER_VISIBLE, _id: id });
  }

  async bySlug(slug: string): Promise<ProductDocument | null> {
    return this.database.rawProducts.findOne({ ...BUYER_VISIBLE, slug });
  }

  async search(args: SearchArgs): Promise<SearchPage> {
    const filter = await this.filterOf(args.search);
    const spec = SORTS[args.sort];
    const position = args.after ? decodeCursor(args.after, args.sort) : undefined;
    const text = args.search.text ? queryTokens(args.search.text) : undefined;
    const limit = args.first + 1;

    let rows: { doc: ProductDocument; tier?: 0 | 1 }[];
    if (args.sort === ProductSort.RELEVANCE && text?.prefix !== undefined) {
      // Two tiers: title holds every query word, then the rest; newest first inside each tier.
      const titleMatch = tokenConditions('titleTokens', text.exact, text.prefix);
      rows = [];
      if (position?.t !== 0) {
        const top = await this.page({ $and: [filter, titleMatch] }, spec, position, limit);
        rows.push(...top.map((doc) => ({ doc, tier: 1 as const })));
      }
      if (rows.length < limit) {
        const restPosition = position?.t === 0 ? position : undefined;
        const rest = await this.page(
          { $and: [filter, { $nor: [titleMatch] }] },
          spec,
          restPosition,
          limit - rows.length,
        );
        rows.push(...rest.map((doc) => ({ doc, tier: 0 as const })));
      }
    } else {
      rows = (await this.page(filter, spec, position, limit)).map((doc) => ({ doc }));
    }

    return {
      items: rows.slice(0, args.first).map(({ doc, tier }) => ({
        doc,
        cursor: encodeCursor({
          s: args.sort,
          v: sortValue(doc, spec),
          id: doc._id,
          ...(tier === undefined ? {} : { t: tier }),
        }),
      })),
      hasNextPage: rows.length > args.first,
      filter,
      search: args.search,
    };
  }

  async count(filter: ProductFilter): Promise<number> {
    return this.database.rawProducts.countDocuments(filter);
  }

  /** One pipeline (or count) per facet, run in parallel: FerretDB computes only one accumulator per $group. */
  async facets(filter: ProductFilter, search: ProductSearch): Promise<SearchFacetsModel> {
    const [categoryCounts, sellers, attributePairs, priceBuckets] = await Promise.all([
      this.countBy(filter, 'categoryPath', true),
      this.countBy(filter, 'tenantId', false),
      this.countBy(filter, 'attributePairs', true, FACET_LIMIT * 4),
      search.currency ? this.priceBuckets(filter) : Promise.resolve([]),
    ]);
    const names = await this.categories.byIds(categoryCounts.map((c) => c.value));
    return {
      categories: categoryCounts.map((c) => ({ ...c, label: names.get(c.value)?.name ?? c.value })),
      sellers,
      attributes: groupAttributePairs(attributePairs),
      priceBuckets,
    };
  }

  private async page(
    filter: ProductFilter,
    spec: SortSpec,
    position: CursorPosition | undefined,
    limit: number,
  ): Promise<ProductDocument[]> {
    const conditions: ProductFilter[] = [filter];
    if (position) conditions.push(afterPosition(spec, position));
    const sort: Sort = { [spec.field]: spec.direction, _id: spec.direction };
    return this.database.rawProducts
      .find(conditions.length === 1 ? filter : { $and: conditions }, { sort, limit })
      .toArray();
  }

  private async countBy(
    filter: ProductFilter,
    field: 'categoryPath' | 'tenantId' | 'attributePairs',
    unwind: boolean,
    limit = FACET_LIMIT,
  ): Promise<FacetCountModel[]> {
    const pipeline = [
      { $match: filter },
      ...(unwind ? [{ $unwind: `$${field}` }] : []),
      { $group: { _id: `$${field}`, count: { $sum: 1 } } },
      { $sort: { count: -1, _id: 1 } },
      { $limit: limit },
    ];
    const rows = await this.database.rawProducts
      .aggregate<{ _id: string; count: number }>(pipeline)
      .toArray();
    return rows.map((row) => ({ value: row._id, count: row.count }));
  }

  private async priceBuckets(filter: ProductFilter): Promise<PriceBucketModel[]> {
    const bounds = [0, ...PRICE_BUCKET_BOUNDS];
    return Promise.all(
      bounds.map(async (min, index) => {
        const max = bounds[index + 1] ?? null;
        const range = max === null ? { $gte: min } : { $gte: min, $lt: max };
        return { min, max, count: await this.count({ $and: [filter, { minPrice: range }] }) };
      }),
    );
  }

  private async filterOf(search: ProductSearch): Promise<ProductFilter> {
    const conditions: ProductFilter[] = [{ ...BUYER_VISIBLE }];
    if (search.categoryId) conditions.push({ categoryPath: search.categoryId });
    if (search.currency) conditions.push({ currency: search.currency });
    if (search.minPrice !== undefined) conditions.push({ minPrice: { $gte: search.minPrice } });
    if (search.maxPrice !== undefined) conditions.push({ minPrice: { $lte: search.maxPrice } });
    if (search.sellerId) conditions.push({ tenantId: search.sellerId });
    if (search.inStock !== undefined) conditions.push({ inStock: search.inStock });
    for (const attribute of search.attributes) {
      conditions.push({
        attributePairs: { $in: attribute.values.map((v) => attributePair(attribute.name, v)) },
      });
    }
    if (search.text) {
      const text = queryTokens(search.text);
      if (text.prefix !== undefined) conditions.push(tokenConditions('tokens', text.exact, text.prefix));
    }
    return conditions.length === 1 ? conditions[0]! : { $and: conditions };
  }
}

function tokenConditions(field: 'tokens' | 'titleTokens', exact: string[], prefix: string): ProductFilter {
  const prefixMatch: ProductFilter = { [field]: { $regex: `^${escapeRegex(prefix)}` } };
  return exact.length === 0 ? prefixMatch : { $and: [{ [field]: { $all: exact } }, prefixMatch] };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sortValue(doc: ProductDocument, spec: SortSpec): number | null {
  const value = doc[spec.field];
  if (value instanceof Date) return value.getTime();
  return value ?? null;
}

/**
 * Rows strictly after the cursor in (field, _id) order. MongoDB sorts a missing or null sort field below every
 * number and date, but `$lt`/`$gt` against a typed value never match null (type bracketing), so the null
 * rows need their own branches: after the last non-null row of a descending walk they all still follow, and
 * a cursor sitting on a null row continues with the other nulls by id, then (ascending) every non-null row.
 */
function afterPosition(spec: SortSpec, position: CursorPosition): ProductFilter {
  const op = spec.direction === 1 ? '$gt' : '$lt';
  const nextNullsById: ProductFilter = { [spec.field]: null, _id: { [op]: position.id } };
  if (position.v === null) {
    return spec.direction === 1 ? { $or: [nextNullsById, { [spec.field]: { $ne: null } }] } : nextNullsById;
  }
  // Every sort field is a number or a date (encoded as epoch milliseconds); anything else is a forged cursor.
  if (typeof position.v !== 'number') throw new ValidationError('Invalid cursor');
  const value = spec.field === 'publishedAt' ? new Date(position.v) : position.v;
  const branches: ProductFilter[] = [
    { [spec.field]: { [op]: value } },
    { [spec.field]: value, _id: { [op]: position.id } },
  ];
  if (spec.direction === -1) branches.push({ [spec.field]: null });
  return { $or: branches };
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
