import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { GraphqlClient } from '../core/graphql-client';
import type {
  Category,
  FacetCount,
  PriceBucket,
  Product,
  ProductSummary,
  SearchResult,
  Seller,
} from './catalog.models';
import { CATEGORIES, PRODUCT, SEARCH_PRODUCTS, SELLER } from './catalog.queries';
import type { SearchVariables } from './search-params';

interface SearchResponse {
  products: {
    nodes: ProductSummary[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
    facets: { categories: FacetCount[]; sellers: FacetCount[]; priceBuckets: PriceBucket[] };
  };
}

/** Buyer-facing catalog reads through the gateway. */
@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly graphql = inject(GraphqlClient);

  search(variables: SearchVariables): Observable<SearchResult> {
    return this.graphql.query<SearchResponse>(SEARCH_PRODUCTS, { ...variables }).pipe(
      map(({ products }) => ({
        products: products.nodes,
        totalCount: products.totalCount,
        hasNextPage: products.pageInfo.hasNextPage,
        endCursor: products.pageInfo.endCursor,
        facets: products.facets,
      })),
    );
  }

  product(id: string): Observable<Product | null> {
    return this.graphql.query<{ product: Product | null }>(PRODUCT, { id }).pipe(map((data) => data.product));
  }

  categories(): Observable<Category[]> {
    return this.graphql.query<{ categories: Category[] }>(CATEGORIES).pipe(map((data) => data.categories));
  }

  seller(id: string): Observable<Seller | null> {
    return this.graphql.query<{ tenant: Seller | null }>(SELLER, { id }).pipe(map((data) => data.tenant));
  }
}
