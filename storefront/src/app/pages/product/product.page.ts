import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { catchError, EMPTY, map, of, switchMap } from 'rxjs';
import { CartActions } from '../../cart/cart.actions';
import { selectCartError, selectCartNotice, selectCartPending } from '../../cart/cart.selectors';
import { CatalogApi } from '../../catalog/catalog-api';
import { pictureAlt, type Product } from '../../catalog/catalog.models';
import { findVariant, initialSelection, isAvailable, type Selection } from '../../catalog/variant-selection';
import { LiveUpdates } from '../../core/live-updates';
import { loadable } from '../../core/loadable';
import { MoneyPipe } from '../../shared/money.pipe';
import { ProductImage, variantFor } from '../../shared/product-image';
import { productJsonLd, Seo } from '../../shared/seo';
import { ErrorMessage, Loading } from '../../shared/state-views';
import { ReviewsApi } from '../../reviews/reviews-api';
import { RatingStars } from '../../shared/rating-stars';
import { ProductReviews } from './product-reviews';

@Component({
  selector: 'sf-product-page',
  imports: [
    RouterLink,
    MatButtonModule,
    // Standalone, not MatButtonToggleModule: only standalone dependencies of a @defer block load with it.
    MatButtonToggleGroup,
    MatButtonToggle,
    MoneyPipe,
    ProductImage,
    Loading,
    ErrorMessage,
    RatingStars,
    ProductReviews,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './product.page.html',
  styleUrl: './product.page.scss',
})
export class ProductPage {
  private readonly catalog = inject(CatalogApi);
  private readonly store = inject(Store);
  private readonly seo = inject(Seo);
  private readonly document = inject(DOCUMENT);
  private readonly reviewsApi = inject(ReviewsApi);
  private readonly live = inject(LiveUpdates);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly product = toSignal(
    toObservable(this.id).pipe(switchMap((id) => loadable(this.catalog.product(id)))),
    {
      initialValue: { status: 'loading' as const },
    },
  );
  protected readonly sellerName = toSignal(
    toObservable(this.product).pipe(
      switchMap((state) =>
        state.status === 'ok' && state.data
          ? this.catalog.seller(state.data.seller.id).pipe(
              map((seller) => seller?.name ?? null),
              // The seller's name is decoration here; the product stays buyable without it.
              catchError(() => of(null)),
            )
          : of(null),
      ),
    ),
    { initialValue: null },
  );
  /** The product's and its seller's ratings (reviews subgraph); decoration, so a failure shows none. */
  protected readonly ratings = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) => this.reviewsApi.ratings(id).pipe(catchError(() => of(null)))),
    ),
    { initialValue: null },
  );
  protected readonly selection = signal<Selection>({});
  protected readonly activeImage = signal(0);
  protected readonly picture = variantFor;
  protected readonly pictureAlt = pictureAlt;
  /** The cart's answer is shown only after an add from this page, not a notice left from elsewhere. */
  private readonly addRequested = signal(false);
  private readonly cartNotice = this.store.selectSignal(selectCartNotice);
  private readonly cartError = this.store.selectSignal(selectCartError);
  protected readonly adding = this.store.selectSignal(selectCartPending);
  protected readonly addedMessage = computed(() => (this.addRequested() ? (this.cartNotice() ?? '') : ''));
  protected readonly addError = computed(() => (this.addRequested() ? this.cartError() : null));
  /** Available units per SKU as inventory reports them while the page is open (ADR 0026). */
  private readonly liveStock = signal<ReadonlyMap<string, number>>(new Map());
  /** In stock when any variant is; SKUs without a live report keep the state the page loaded with. */
  protected readonly inStock = computed(() => {
    const state = this.product();
    if (state.status !== 'ok' || !state.data) return false;
    const live = this.liveStock();
    const reported = state.data.variants.filter((variant) => live.has(variant.sku));
    if (reported.some((variant) => live.get(variant.sku)! > 0)) return true;
    return reported.length === state.data.variants.length ? false : state.data.inStock;
  });
  protected readonly variant = computed(() => {
    const state = this.product();
    return state.status === 'ok' && state.data ? findVariant(state.data, this.selection()) : undefined;
  });

  constructor() {
    toObservable(this.product)
      .pipe(
        switchMap((state) => {
          this.liveStock.set(new Map());
          return state.status === 'ok' && state.data
            ? this.live.stock(
                state.data.seller.id,
                state.data.variants.map((variant) => variant.sku),
              )
            : EMPTY;
        }),
        takeUntilDestroyed(),
      )
      .subscribe((signal) => {
        if (signal.type !== 'stock') return;
        const { sku, available } = signal.data as { sku: string; available: number };
        this.liveStock.update((levels) => new Map(levels).set(sku, available));
      });
    effect(() => {
      const state = this.product();
      if (state.status !== 'ok') return;
      const product = state.data;
      if (!product) {
        this.seo.setPage('Product not found', 'This product does not exist or is no longer sold.');
        this.seo.setJsonLd(null);
        return;
      }
      this.selection.set(initialSelection(product));
      this.activeImage.set(0);
      this.seo.setPage(product.title, product.description || `${product.title} from the marketplace.`);
    });
    effect(() => {
      const state = this.product();
      if (state.status !== 'ok' || !state.data) return;
      const url = this.document.location?.href ?? '';
      this.seo.setJsonLd(productJsonLd(state.data, url, this.sellerName()));
    });
  }

  protected choose(option: string, value: string): void {
    this.selection.update((current) => ({ ...current, [option]: value }));
    this.addRequested.set(false);
  }

  protected available(product: Product, option: string, value: string): boolean {
    return isAvailable(product, this.selection(), option, value);
  }

  protected addToCart(product: Product): void {
    const variant = this.variant();
    if (!variant) return;
    this.addRequested.set(true);
    this.store.dispatch(
      CartActions.addRequested({
        productId: product.id,
        sku: variant.sku,
        title: product.title,
        quantity: 1,
      }),
    );
  }
}
