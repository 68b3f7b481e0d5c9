import { HttpException, HttpStatus } from '@nestjs/common';
import type { ProductView, TenantStatus } from '../products/product.document';
import type { ProductSearch } from '../products/product.inputs';
import type { Facets, SortField, WalkPosition, WalkRow } from './search-index';

/** How a buyer search is ordered: the sort field, its direction and whether relevance tiers apply. */
export interface SearchOrder {
  field: SortField;
  direction: 1 | -1;
  /** RELEVANCE: products whose title holds every query word come first (two tiers), then the rest. */
  tiered: boolean;
}

/**
 * The buyer search port (ADR 0041): what the storefront asks of an engine, with the same semantics in every
 * implementation — the catalog's own tokens (ADR 0004), only buyer-visible products (published, not removed,
 * not deleted, tenant active), keyset walks in (value, id) order and facet counts over the whole match.
 * `memory` (ADR 0008) and `opensearch` implement it; the conformance suite holds them to the same answers.
 */
export interface BuyerSearchEngine {
  readonly name: 'memory' | 'opensearch';
  /** Up to `limit` rows of the search in `order`, strictly after `position` (whose tier applies when tiered). */
  walk(
    search: ProductSearch,
    order: SearchOrder,
    position: WalkPosition | undefined,
    limit: number,
  ): Promise<WalkRow[]>;
  count(search: ProductSearch): Promise<number>;
  facets(search: ProductSearch): Promise<Facets>;
  byId(id: string): Promise<ProductView | null>;
  bySlug(slug: string): Promise<ProductView | null>;
  /** A tenant's status changed (events may be redelivered or reordered: the later change wins). */
  setTenantStatus(tenantId: string, status: TenantStatus, changedAt: Date): Promise<void>;
}

export const BUYER_SEARCH_ENGINE = Symbol('BUYER_SEARCH_ENGINE');

/**
 * The search engine does not answer: buyers get a 503 with a clear message (and retry), everything else in
 * the catalog keeps working; the indexer catches up from the event log once the engine is back.
 */
export class SearchUnavailableError extends HttpException {
  constructor(cause: unknown) {
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: 'Product search is temporarily unavailable; please try again shortly',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
      { cause },
    );
    this.name = 'SearchUnavailableError';
  }
}
