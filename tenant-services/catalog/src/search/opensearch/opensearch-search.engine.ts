import type { ProductView, TenantStatus } from '../../products/product.document';
import type { ProductSearch } from '../../products/product.inputs';
import { queryTokens } from '../../shared/text-tokens';
import {
  FACET_LIMIT,
  PRICE_BUCKET_BOUNDS,
  type FacetCount,
  type Facets,
  type WalkPosition,
  type WalkRow,
} from '../search-index';
import type { BuyerSearchEngine, SearchOrder } from '../search-engine';
import { fromSearchDocument, NO_VALUE, type ProductSearchDocument } from './product-search-document';
import type { ProductSearchStore } from './product-search-store';
import type { TenantVisibility } from './tenant-visibility';

type Query = Record<string, unknown>;

interface SearchAnswer {
  hits: {
    total?: { value: number };
    hits: { _id: string; _source: ProductSearchDocument; sort: [number, string] }[];
  };
  aggregations?: Record<string, { buckets: { key: string | number; doc_count: number }[] }>;
}

/**
 * Buyer search answered by OpenSearch (ADR 0041), with the in-memory index's semantics: the catalog's tokens
 * as keyword terms (every complete word exactly, the last one as a prefix), the same filters, (value, id)
 * keyset walks through `search_after`, relevance as two tiers, exact facet counts from terms aggregations.
 * Tenants that are not active are filtered out at query time from this replica's tenant statuses.
 */
export class OpenSearchEngine implements BuyerSearchEngine {
  readonly name = 'opensearch' as const;
  /**
   * Count and facets of a search come from one request (`size: 0`, which OpenSearch's request cache keeps
   * until the next refresh that changed something); the storefront asks for both at once, so a request in
   * flight is shared.
   */
  private readonly summaries = new Map<string, Promise<SearchAnswer>>();

  constructor(
    private readonly store: ProductSearchStore,
    private readonly tenants: TenantVisibility,
    /** One buyer-visible product by id or slug from MongoDB (`indexedProducts.visible`). */
    private readonly lookup: (key: { _id: string } | { slug: string }) => Promise<ProductView | null>,
  ) {}

  async walk(
    search: ProductSearch,
    order: SearchOrder,
    position: WalkPosition | undefined,
    limit: number,
  ): Promise<WalkRow[]> {
    const text = search.text ? queryTokens(search.text) : undefined;
    const base = this.filtered(search);
    if (!order.tiered || text?.prefix === undefined) return this.walkQuery(base, order, position, limit);
    const { exact, prefix } = text;
    const inTitle: Query = {
      bool: {
        filter: [
          ...exact.map((word) => ({ term: { titleTokens: word } })),
          { prefix: { titleTokens: prefix } },
        ],
      },
    };
    const rows: WalkRow[] = [];
    if (position?.tier !== 0) {
      const top = await this.walkQuery(and(base, inTitle), order, position, limit);
      rows.push(...top.map((row) => ({ ...row, tier: 1 as const })));
    }
    if (rows.length < limit) {
      const rest = await this.walkQuery(
        and(base, { bool: { must_not: [inTitle] } }),
        order,
        position?.tier === 0 ? position : undefined,
        limit - rows.length,
      );
      rows.push(...rest.map((row) => ({ ...row, tier: 0 as const })));
    }
    return rows;
  }

  async count(search: ProductSearch): Promise<number> {
    return (await this.summary(search)).hits.total!.value;
  }

  async facets(search: ProductSearch): Promise<Facets> {
    const aggregations = (await this.summary(search)).aggregations!;
    const counts = (name: string): FacetCount[] =>
      aggregations[name]!.buckets.map((bucket) => ({ value: String(bucket.key), count: bucket.doc_count }));
    const bounds = [0, ...PRICE_BUCKET_BOUNDS];
    return {
      categories: counts('categories'),
      sellers: counts('sellers'),
      attributePairs: counts('attributePairs'),
      priceBuckets: search.currency
        ? aggregations.prices!.buckets.map((bucket, index) => ({
            min: bounds[index]!,
            max: bounds[index + 1] ?? null,
            count: bucket.doc_count,
          }))
        : [],
    };
  }

  private summary(search: ProductSearch): Promise<SearchAnswer> {
    const body = this.summaryBody(search);
    const key = JSON.stringify(body);
    let answer = this.summaries.get(key);
    if (!answer) {
      answer = this.store
        .request<SearchAnswer>('POST', `/${this.store.alias}/_search`, body, { request_cache: true })
        .finally(() => this.summaries.delete(key));
      this.summaries.set(key, answer);
    }
    return answer;
  }

  private summaryBody(search: ProductSearch): Record<string, unknown> {
    const terms = (field: string, size: number) => ({
      terms: { field, size, shard_size: size * 10, order: [{ _count: 'desc' }, { _key: 'asc' }] },
    });
    const bounds = [0, ...PRICE_BUCKET_BOUNDS];
    return {
      size: 0,
      track_total_hits: true,
      query: this.filtered(search),
      aggs: {
        categories: terms('categoryPath', FACET_LIMIT),
        sellers: terms('tenantId', FACET_LIMIT),
        attributePairs: terms('attributePairs', FACET_LIMIT * 4),
        ...(search.currency
          ? {
              prices: {
                range: {
                  field: 'minPrice',
                  ranges: bounds.map((min, index) => ({
                    ...(index === 0 ? {} : { from: min }),
                    ...(bounds[index + 1] === undefined ? {} : { to: bounds[index + 1] }),
                  })),
                },
              },
            }
          : {}),
      },
    };
  }

  /**
   * One product by key reads MongoDB, not the index: the cart prices lines with it right after a seller
   * publishes, and it must neither wait for the indexer nor fail while OpenSearch is down (ADR 0041).
   */
  async byId(id: string): Promise<ProductView | null> {
    return this.visibleOne({ _id: id });
  }

  async bySlug(slug: string): Promise<ProductView | null> {
    return this.visibleOne({ slug });
  }

  private async visibleOne(key: { _id: string } | { slug: string }): Promise<ProductView | null> {
    const view = await this.lookup(key);
    return view && !this.tenants.isHidden(view.tenantId) ? view : null;
  }

  async setTenantStatus(tenantId: string, status: TenantStatus, changedAt: Date): Promise<void> {
    this.tenants.set(tenantId, status, changedAt);
  }

  private async walkQuery(
    query: Query,
    order: SearchOrder,
    position: WalkPosition | undefined,
    limit: number,
  ): Promise<WalkRow[]> {
    const direction = order.direction === 1 ? 'asc' : 'desc';
    const answer = await this.store.request<SearchAnswer>('POST', `/${this.store.alias}/_search`, {
      size: limit,
      track_total_hits: false,
      query,
      sort: [{ [order.field]: direction }, { productId: direction }],
      ...(position ? { search_after: [position.value ?? NO_VALUE, position.id] } : {}),
    });
    return answer.hits.hits.map((hit) => ({
      doc: fromSearchDocument(hit._source),
      value: hit.sort[0] === NO_VALUE ? null : hit.sort[0],
    }));
  }

  /** The search's conditions plus what makes a product buyer-visible. */
  private filtered(search: ProductSearch): Query {
    const filter: Query[] = [{ term: { visible: true } }];
    if (search.categoryId) filter.push({ term: { categoryPath: search.categoryId } });
    if (search.sellerId) filter.push({ term: { tenantId: search.sellerId } });
    for (const attribute of search.attributes ?? []) {
      const name = attribute.name.toLowerCase();
      filter.push({ terms: { attributePairs: attribute.values.map((value) => `${name}=${value}`) } });
    }
    const text = search.text ? queryTokens(search.text) : undefined;
    if (text?.prefix !== undefined) {
      for (const word of text.exact) filter.push({ term: { tokens: word } });
      filter.push({ prefix: { tokens: text.prefix } });
    }
    if (search.currency) filter.push({ term: { currency: search.currency } });
    if (search.minPrice !== undefined || search.maxPrice !== undefined) {
      filter.push({ range: { minPrice: { gte: search.minPrice, lte: search.maxPrice } } });
    }
    if (search.inStock !== undefined) filter.push({ term: { inStock: search.inStock } });
    if (search.minRating !== undefined) filter.push({ range: { ratingAvg: { gte: search.minRating } } });
    const hidden = this.tenants.hidden();
    return {
      bool: { filter, ...(hidden.length > 0 ? { must_not: [{ terms: { tenantId: hidden } }] } : {}) },
    };
  }
}

function and(a: Query, b: Query): Query {
  return { bool: { filter: [a, b] } };
}
