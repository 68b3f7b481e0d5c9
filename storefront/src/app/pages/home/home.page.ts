import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { CatalogApi } from '../../catalog/catalog-api';
import { loadable } from '../../core/loadable';
import { ProductCard } from '../../shared/product-card';
import { Seo } from '../../shared/seo';
import { ErrorMessage, Loading } from '../../shared/state-views';

@Component({
  selector: 'sf-home-page',
  imports: [RouterLink, ProductCard, Loading, ErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home.page.html',
  styles: `
    h1 {
      font: var(--mat-sys-headline-medium);
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin-top: 32px;
    }
    .categories {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      list-style: none;
      padding: 0;
    }
    .categories a {
      display: inline-block;
      padding: 8px 16px;
      border-radius: 16px;
      border: 1px solid var(--mat-sys-outline);
      text-decoration: none;
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class HomePage {
  private readonly catalog = inject(CatalogApi);

  protected readonly categories = toSignal(loadable(this.catalog.categories()), { requireSync: true });
  protected readonly featured = computed(() => {
    const state = this.categories();
    return state.status === 'ok' ? state.data.filter((c) => c.parentId === null).slice(0, 12) : [];
  });
  protected readonly newest = toSignal(
    loadable(this.catalog.search({ search: {}, sort: 'NEWEST', first: 12 })),
    { requireSync: true },
  );

  constructor() {
    inject(Seo).setPage(
      'Shop every seller in one place',
      'Browse and search products from every seller of the marketplace, with one cart and one checkout.',
    );
    inject(Seo).setJsonLd(null);
  }
}
