import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map, switchMap } from 'rxjs';
import { CatalogApi } from '../../catalog/catalog-api';
import type { PriceBucket } from '../../catalog/catalog.models';
import {
  parseSearchParams,
  SORTS,
  toQueryParams,
  toSearchVariables,
  withFilters,
  type SearchState,
  type Sort,
} from '../../catalog/search-params';
import { APP_CONFIG } from '../../core/app-config';
import { loadable } from '../../core/loadable';
import { SellerName } from '../../sellers/seller-name';
import { formatMoney, toMajorUnits } from '../../shared/money';
import { ProductCard } from '../../shared/product-card';
import { Seo } from '../../shared/seo';
import { ErrorMessage, Loading } from '../../shared/state-views';
import { PriceFilter } from './price-filter';

const SORT_LABELS: Record<Sort, string> = {
  RELEVANCE: 'Best match',
  NEWEST: 'Newest',
  PRICE_ASC: 'Price: low to high',
  PRICE_DESC: 'Price: high to low',
  RATING: 'Top rated',
};

@Component({
  selector: 'sf-search-page',
  // Standalone pieces, not their NgModules: only standalone dependencies of a @defer block load with it.
  imports: [
    RouterLink,
    MatFormField,
    MatLabel,
    MatSelect,
    MatOption,
    MatButtonModule,
    PriceFilter,
    ProductCard,
    Loading,
    ErrorMessage,
    SellerName,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './search.page.html',
  styleUrl: './search.page.scss',
})
export class SearchPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly catalog = inject(CatalogApi);
  private readonly config = inject(APP_CONFIG);
  private readonly seo = inject(Seo);

  protected readonly sorts = SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));
  protected readonly state = toSignal(
    this.route.queryParams.pipe(map((params) => parseSearchParams(params, this.config.defaultCurrency))),
    { requireSync: true },
  );
  protected readonly result = toSignal(
    toObservable(this.state).pipe(
      switchMap((state) => loadable(this.catalog.search(toSearchVariables(state)))),
    ),
    { initialValue: { status: 'loading' as const } },
  );
  /** The search the page was rendered with; parts still dehydrated (ADR 0063) hydrate once it changes. */
  private readonly renderedState = this.state();
  protected readonly searchChanged = computed(() => this.state() !== this.renderedState);
  protected readonly heading = computed(() =>
    this.state().q ? `Results for “${this.state().q}”` : 'All products',
  );

  /** Form fields, seeded from the URL; applying them navigates, so the URL stays the single source of truth. */
  protected readonly minPrice = signal('');
  protected readonly maxPrice = signal('');

  constructor() {
    effect(() => {
      const { minPrice, maxPrice } = this.state();
      this.minPrice.set(minPrice ?? '');
      this.maxPrice.set(maxPrice ?? '');
    });
    this.seo.setJsonLd(null);
    toObservable(this.heading).subscribe((heading) =>
      this.seo.setPage(heading, 'Search products from every seller: filter by category, seller and price.'),
    );
  }

  protected update(changes: Partial<Omit<SearchState, 'after'>>): void {
    this.go(withFilters(this.state(), changes));
  }

  protected applyPrice(): void {
    this.update({ minPrice: this.minPrice().trim() || null, maxPrice: this.maxPrice().trim() || null });
  }

  protected applyBucket(bucket: PriceBucket): void {
    const currency = this.state().currency;
    this.minPrice.set(toMajorUnits(bucket.min, currency));
    this.maxPrice.set(bucket.max === null ? '' : toMajorUnits(bucket.max - 1, currency));
    this.applyPrice();
  }

  protected clearFilters(): void {
    this.minPrice.set('');
    this.maxPrice.set('');
    this.update({ category: null, seller: null, minPrice: null, maxPrice: null });
  }

  protected nextPageParams(endCursor: string): Record<string, string> {
    return toQueryParams({ ...this.state(), after: endCursor }, this.config.defaultCurrency);
  }

  protected firstPageParams(): Record<string, string> {
    return toQueryParams({ ...this.state(), after: null }, this.config.defaultCurrency);
  }

  protected bucketLabel(bucket: PriceBucket): string {
    const currency = this.state().currency;
    const from = formatMoney(bucket.min, currency, this.config.locale);
    return bucket.max === null
      ? `${from} and up`
      : `${from} – ${formatMoney(bucket.max, currency, this.config.locale)}`;
  }

  private go(state: SearchState): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: toQueryParams(state, this.config.defaultCurrency),
    });
  }
}
