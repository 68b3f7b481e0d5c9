import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { catchError, of, switchMap } from 'rxjs';
import { CatalogApi } from '../../catalog/catalog-api';
import type { Seller } from '../../catalog/catalog.models';
import { PAGE_SIZE } from '../../catalog/search-params';
import { loadable } from '../../core/loadable';
import { ReviewsApi } from '../../reviews/reviews-api';
import { ProductCard } from '../../shared/product-card';
import { RatingStars } from '../../shared/rating-stars';
import { Seo } from '../../shared/seo';
import { ErrorMessage, Loading } from '../../shared/state-views';

@Component({
  selector: 'sf-seller-page',
  imports: [RouterLink, ProductCard, RatingStars, Loading, ErrorMessage],
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
        <header class="profile">
          @if (logoUrl(s.data); as url) {
            <img [src]="url" alt="" class="logo" data-testid="seller-logo" />
          }
          <h1>{{ s.data.name }}</h1>
        </header>
        @if (rating(); as r) {
          @if (r.count > 0) {
            <p class="rating" data-testid="seller-page-rating">
              Seller rating <sf-rating-stars [average]="r.average" [count]="r.count" />
            </p>
          }
        }
        @if (s.data.description) {
          <p class="text" data-testid="seller-description">{{ s.data.description }}</p>
        }
        @if (s.data.returnPolicy) {
          <section aria-labelledby="returns-heading">
            <h2 id="returns-heading">Returns</h2>
            <p class="text" data-testid="seller-return-policy">{{ s.data.returnPolicy }}</p>
          </section>
        }
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
    .profile {
      display: flex;
      align-items: center;
      gap: 16px;
    }
    .logo {
      width: 64px;
      height: 64px;
      object-fit: contain;
      border-radius: 8px;
    }
    .text {
      white-space: pre-line;
      max-width: 70ch;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
  `,
})
export class SellerPage {
  private readonly catalog = inject(CatalogApi);
  private readonly reviewsApi = inject(ReviewsApi);

  /** The logo's thumbnail, if the seller has one (decorative next to the name, so no alternative text). */
  protected logoUrl(seller: Seller): string | null {
    const variants = seller.logo?.variants ?? [];
    return (variants.find((v) => v.name === 'thumbnail') ?? variants[0])?.url ?? null;
  }
  readonly id = input.required<string>();

  protected readonly seller = toSignal(
    toObservable(this.id).pipe(switchMap((id) => loadable(this.catalog.seller(id)))),
    {
      initialValue: { status: 'loading' as const },
    },
  );
  /** The seller's rating; without it (reviews unavailable) the page shows the rest. */
  protected readonly rating = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) => this.reviewsApi.sellerRating(id).pipe(catchError(() => of(null)))),
    ),
    { initialValue: null },
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
