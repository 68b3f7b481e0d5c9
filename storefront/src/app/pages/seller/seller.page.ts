import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { switchMap } from 'rxjs';
import { CatalogApi } from '../../catalog/catalog-api';
import { PAGE_SIZE } from '../../catalog/search-params';
import { loadable } from '../../core/loadable';
import { ProductCard } from '../../shared/product-card';
import { Seo } from '../../shared/seo';
import { ErrorMessage, Loading } from '../../shared/state-views';

@Component({
  selector: 'sf-seller-page',
  imports: [RouterLink, ProductCard, Loading, ErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      @let s = seller();
      @if (s.status === 'loading') {
        <sf-loading label="Loading seller…" />
      } @else if (s.status === 'error') {
        <sf-error [message]="s.message" />
      } @else if (!s.data) {
        <h1>Seller not found</h1>
      } @else {
        <h1>{{ s.data.name }}</h1>
      }
      <h2>Products</h2>
      @let r = products();
      @if (r.status === 'loading') {
        <sf-loading label="Loading products…" />
      } @else if (r.status === 'error') {
        <sf-error [message]="r.message" />
      } @else if (r.data.products.length === 0) {
        <p>This seller has no products for sale.</p>
      } @else {
        <ul class="product-grid">
          @for (product of r.data.products; track product.id) {
            <li><sf-product-card [product]="product" /></li>
          }
        </ul>
        @if (r.data.hasNextPage) {
          <p>
            <a [routerLink]="['/search']" [queryParams]="{ seller: id() }"
              >See all {{ r.data.totalCount }} products</a
            >
          </p>
        }
      }
    </div>
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-medium);
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
  `,
})
export class SellerPage {
  private readonly catalog = inject(CatalogApi);
  readonly id = input.required<string>();

  protected readonly seller = toSignal(
    toObservable(this.id).pipe(switchMap((id) => loadable(this.catalog.seller(id)))),
    {
      initialValue: { status: 'loading' as const },
    },
  );
  protected readonly products = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        loadable(this.catalog.search({ search: { sellerId: id }, sort: 'NEWEST', first: PAGE_SIZE })),
      ),
    ),
    { initialValue: { status: 'loading' as const } },
  );

  constructor() {
    const seo = inject(Seo);
    seo.setJsonLd(null);
    effect(() => {
      const s = this.seller();
      if (s.status === 'ok' && s.data)
        seo.setPage(s.data.name, `Products sold by ${s.data.name} on the marketplace.`);
    });
  }
}
