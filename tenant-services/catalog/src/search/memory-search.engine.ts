import type { ProductView, TenantStatus } from '../products/product.document';
import type { ProductSearch } from '../products/product.inputs';
import { queryTokens } from '../shared/text-tokens';
import type { Facets, WalkPosition, WalkRow } from './search-index';
import type { SearchIndexService } from './search-index.service';
import type { BuyerSearchEngine, SearchOrder } from './search-engine';

/** Buyer search answered from this replica's in-memory index (ADR 0008): the embedded default. */
export class MemorySearchEngine implements BuyerSearchEngine {
  readonly name = 'memory' as const;

  constructor(private readonly searchIndex: SearchIndexService) {}

  async walk(
    search: ProductSearch,
    order: SearchOrder,
    position: WalkPosition | undefined,
    limit: number,
  ): Promise<WalkRow[]> {
    const matches = this.searchIndex.index.match(search);
    const text = search.text ? queryTokens(search.text) : undefined;
    if (!order.tiered || text?.prefix === undefined) {
      return matches.walk(order.field, order.direction, position, limit);
    }
    // Two tiers: title holds every query word, then the rest; in sort order inside each tier.
    const { exact, prefix } = text;
    const inTitle = (title: string) =>
      exact.every((word) => title.includes(` ${word} `)) && title.includes(` ${prefix}`);
    const rows: WalkRow[] = [];
    if (position?.tier !== 0) {
      const top = matches.walk(order.field, order.direction, position, limit, inTitle);
      rows.push(...top.map((row) => ({ ...row, tier: 1 as const })));
    }
    if (rows.length < limit) {
      const rest = matches.walk(
        order.field,
        order.direction,
        position?.tier === 0 ? position : undefined,
        limit - rows.length,
        (title) => !inTitle(title),
      );
      rows.push(...rest.map((row) => ({ ...row, tier: 0 as const })));
    }
    return rows;
  }

  async count(search: ProductSearch): Promise<number> {
    return this.searchIndex.index.match(search).count;
  }

  async facets(search: ProductSearch): Promise<Facets> {
    return this.searchIndex.index.match(search).facets();
  }

  async byId(id: string): Promise<ProductView | null> {
    return this.searchIndex.index.get(id) ?? null;
  }

  async bySlug(slug: string): Promise<ProductView | null> {
    return this.searchIndex.index.getBySlug(slug) ?? null;
  }

  async setTenantStatus(tenantId: string, status: TenantStatus, changedAt: Date): Promise<void> {
    this.searchIndex.setTenantStatus(tenantId, status, changedAt);
  }
}
