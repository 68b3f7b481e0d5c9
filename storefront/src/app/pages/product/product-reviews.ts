import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.reducer';
import { ReviewsApi } from '../../reviews/reviews-api';
import { REVIEW_SORTS, type RatingSummary, type Review, type ReviewSort } from '../../reviews/reviews.models';
import { RatingStars } from '../../shared/rating-stars';

const PAGE_SIZE = 5;

/** The product's rating (average, count, distribution) and its reviews, sorted and paged by the buyer. */
@Component({
  selector: 'sf-product-reviews',
  imports: [DatePipe, MatButtonModule, RatingStars],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<section class="reviews" aria-labelledby="reviews-heading" data-testid="reviews">
    <h2 id="reviews-heading">Customer reviews</h2>
    @let r = rating();
    @if (r && r.count > 0) {
      <div class="summary">
        <p class="average">
          <span class="big">{{ (r.average ?? 0).toFixed(1) }}</span>
          <sf-rating-stars [average]="r.average" [count]="r.count" [showCount]="false" />
          <span>{{ r.count }} {{ r.count === 1 ? 'review' : 'reviews' }}, all from verified purchases</span>
        </p>
        <ul class="distribution" aria-label="Ratings by stars">
          @for (stars of [5, 4, 3, 2, 1]; track stars) {
            @let n = r.distribution[stars - 1] ?? 0;
            <li>
              <span class="stars-label">{{ stars }} star{{ stars === 1 ? '' : 's' }}</span>
              <span class="bar" aria-hidden="true"><span [style.width.%]="(n / r.count) * 100"></span></span>
              <span class="n">{{ n }}</span>
            </li>
          }
        </ul>
      </div>
      <div class="sort">
        <label for="review-sort">Sort reviews by</label>
        <select
          id="review-sort"
          [value]="sort()"
          (change)="sortBy($any($event.target).value)"
          data-testid="review-sort"
        >
          @for (option of sorts; track option.value) {
            <option [value]="option.value">{{ option.label }}</option>
          }
        </select>
      </div>
      <ol class="list" data-testid="review-list">
        @for (review of reviews(); track review.id) {
          <li class="review" data-testid="review">
            <article [attr.aria-labelledby]="'review-' + review.id">
              <sf-rating-stars [average]="review.rating" [count]="1" [showCount]="false" />
              <h3 [id]="'review-' + review.id">{{ review.title }}</h3>
              <p class="meta">
                Verified purchase · {{ review.createdAt | date: 'mediumDate' : 'UTC' }}
                @if (review.editedAt) {
                  · edited
                }
              </p>
              <p class="text">{{ review.text }}</p>
              @if (review.photos.length > 0) {
                <ul class="photos">
                  @for (photo of review.photos; track photo.id; let i = $index) {
                    @if (thumbnail(photo); as url) {
                      <li>
                        <img
                          [src]="url"
                          [alt]="'Photo ' + (i + 1) + ' from the reviewer'"
                          width="96"
                          height="72"
                        />
                      </li>
                    }
                  }
                </ul>
              }
              @if (review.reply) {
                <div class="reply" data-testid="seller-reply">
                  <p class="reply-head">Reply from the seller</p>
                  <p>{{ review.reply.text }}</p>
                </div>
              }
              <p class="helpful">
                @if (signedIn()) {
                  <button
                    mat-stroked-button
                    type="button"
                    (click)="markHelpful(review)"
                    [disabled]="voted().has(review.id)"
                  >
                    Helpful ({{ review.helpfulCount }})
                  </button>
                } @else {
                  {{ review.helpfulCount }} found this helpful
                }
              </p>
            </article>
          </li>
        }
      </ol>
      @if (hasNextPage()) {
        <button
          mat-stroked-button
          type="button"
          (click)="more()"
          [disabled]="loading()"
          data-testid="more-reviews"
        >
          Show more reviews
        </button>
      }
    } @else if (r) {
      <p data-testid="no-reviews">
        No reviews yet. Buyers can review this product once their order is delivered.
      </p>
    }
    @if (error(); as message) {
      <p role="alert" class="error">{{ message }}</p>
    }
    <p role="status" class="visually-hidden">{{ loading() ? 'Loading reviews…' : '' }}</p>
  </section>`,
  styles: `
    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 16px 32px;
      align-items: flex-start;
    }
    .average {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 0;
    }
    .big {
      font: var(--mat-sys-display-small);
    }
    .distribution {
      list-style: none;
      padding: 0;
      margin: 0;
      min-width: min(320px, 100%);
    }
    .distribution li {
      display: grid;
      grid-template-columns: 56px 1fr 32px;
      gap: 8px;
      align-items: center;
    }
    .bar {
      height: 8px;
      background: var(--mat-sys-surface-variant);
      border-radius: 4px;
      overflow: hidden;
    }
    .bar span {
      display: block;
      height: 100%;
      background: #8a5300;
    }
    .sort {
      display: flex;
      gap: 8px;
      align-items: center;
      margin: 16px 0;
    }
    .sort select {
      font: inherit;
      padding: 6px;
    }
    .list {
      list-style: none;
      padding: 0;
    }
    .review {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding: 12px 0;
    }
    .review h3 {
      margin: 4px 0;
      font: var(--mat-sys-title-small);
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      margin: 0;
    }
    .text {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .photos {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      list-style: none;
      padding: 0;
    }
    .photos img {
      object-fit: cover;
      border-radius: 4px;
    }
    .reply {
      margin-left: 16px;
      padding-left: 12px;
      border-left: 3px solid var(--mat-sys-outline-variant);
    }
    .reply-head {
      font-weight: 600;
      margin-bottom: 0;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ProductReviews {
  private readonly api = inject(ReviewsApi);
  private readonly store = inject(Store);

  readonly productId = input.required<string>();
  /** The product's aggregate, loaded by the page (null while unknown). */
  readonly rating = input<RatingSummary | null>(null);

  protected readonly sorts = REVIEW_SORTS;
  protected readonly sort = signal<ReviewSort>('NEWEST');
  protected readonly reviews = signal<Review[]>([]);
  protected readonly hasNextPage = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly voted = signal<ReadonlySet<string>>(new Set());
  protected readonly signedIn = () => this.authStatus() === 'authenticated';
  private readonly authStatus = this.store.selectSignal(authFeature.selectStatus);
  private endCursor: string | null = null;

  constructor() {
    effect(() => {
      const id = this.productId();
      const sort = this.sort();
      untracked(() => this.load(id, sort, null));
    });
  }

  protected sortBy(sort: ReviewSort): void {
    this.sort.set(sort);
  }

  protected more(): void {
    this.load(this.productId(), this.sort(), this.endCursor);
  }

  protected thumbnail(photo: Review['photos'][number]): string | undefined {
    return photo.variants.find((variant) => variant.name === 'thumbnail')?.url;
  }

  protected markHelpful(review: Review): void {
    this.voted.update((ids) => new Set([...ids, review.id]));
    this.api.markHelpful(review.id).subscribe({
      next: (helpfulCount) =>
        this.reviews.update((list) => list.map((r) => (r.id === review.id ? { ...r, helpfulCount } : r))),
      error: (error: unknown) => this.error.set(error instanceof Error ? error.message : String(error)),
    });
  }

  private load(productId: string, sort: ReviewSort, after: string | null): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.reviews(productId, sort, PAGE_SIZE, after).subscribe({
      next: (page) => {
        this.reviews.update((list) => (after ? [...list, ...page.reviews] : page.reviews));
        this.hasNextPage.set(page.hasNextPage);
        this.endCursor = page.endCursor;
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(
          `Reviews could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        );
        this.loading.set(false);
      },
    });
  }
}
