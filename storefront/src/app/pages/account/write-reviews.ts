import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { Order } from '../../orders/order.models';
import { ReviewsApi } from '../../reviews/reviews-api';
import { MAX_REVIEW_TEXT, MAX_REVIEW_TITLE, type ReviewablePurchase } from '../../reviews/reviews.models';

interface ReviewableLine extends ReviewablePurchase {
  title: string;
}

interface Draft {
  rating: number | null;
  title: string;
  text: string;
}

const EMPTY: Draft = { rating: null, title: '', text: '' };

/**
 * "Write a review" for the products of the order's delivered seller orders. The reviews service decides what can
 * be reviewed (from the orders service's events); without a delivered seller order this shows nothing.
 */
@Component({
  selector: 'sf-write-reviews',
  imports: [FormsModule, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (lines().length > 0) {
      <section class="write" aria-labelledby="write-reviews" data-testid="write-reviews">
        <h2 id="write-reviews">Review your purchases</h2>
        <ul>
          @for (line of lines(); track line.sellerOrderId + line.productId) {
            <li data-testid="reviewable-line">
              <a [routerLink]="['/products', line.productId]">{{ line.title }}</a>
              @if (line.reviewId) {
                — <span data-testid="reviewed">you reviewed this product, thank you.</span>
              } @else if (open() === key(line)) {
                <form (ngSubmit)="submit(line)" class="form" [attr.aria-label]="'Review of ' + line.title">
                  <fieldset>
                    <legend>Your rating</legend>
                    @for (stars of [1, 2, 3, 4, 5]; track stars) {
                      <label class="star-choice">
                        <input
                          type="radio"
                          name="rating"
                          [value]="stars"
                          [(ngModel)]="draft.rating"
                          required
                        />
                        {{ stars }} star{{ stars === 1 ? '' : 's' }}
                      </label>
                    }
                  </fieldset>
                  <label class="field">
                    Title
                    <input
                      name="title"
                      [(ngModel)]="draft.title"
                      required
                      [maxlength]="maxTitle"
                      data-testid="review-title"
                    />
                  </label>
                  <label class="field">
                    Your review
                    <textarea
                      name="text"
                      rows="5"
                      [(ngModel)]="draft.text"
                      required
                      [maxlength]="maxText"
                      data-testid="review-text"
                    ></textarea>
                  </label>
                  <p class="hint">{{ draft.text.length }} / {{ maxText }} characters</p>
                  <div class="actions">
                    <button mat-flat-button type="submit" [disabled]="sending()" data-testid="submit-review">
                      Publish review
                    </button>
                    <button mat-button type="button" (click)="open.set(null)">Cancel</button>
                  </div>
                </form>
              } @else if (line.canReview) {
                <button mat-stroked-button type="button" (click)="start(line)" data-testid="write-review">
                  Write a review
                </button>
              }
            </li>
          }
        </ul>
        <p role="status" data-testid="review-status">{{ notice() }}</p>
        @if (error(); as message) {
          <p role="alert" class="error">{{ message }}</p>
        }
      </section>
    }
  `,
  styles: `
    ul {
      list-style: none;
      padding: 0;
    }
    li {
      padding: 8px 0;
    }
    .form {
      display: grid;
      gap: 8px;
      max-width: 560px;
      margin-top: 8px;
    }
    fieldset {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
    }
    .star-choice {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-height: 32px;
    }
    .field {
      display: grid;
      gap: 4px;
    }
    .field input,
    .field textarea {
      font: inherit;
      padding: 6px;
      max-width: 100%;
      box-sizing: border-box;
    }
    .hint {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class WriteReviews {
  private readonly api = inject(ReviewsApi);
  readonly order = input.required<Order>();

  protected readonly maxTitle = MAX_REVIEW_TITLE;
  protected readonly maxText = MAX_REVIEW_TEXT;
  private readonly reviewable = signal<ReviewablePurchase[]>([]);
  protected readonly open = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly notice = signal('');
  protected readonly error = signal<string | null>(null);
  protected draft: Draft = { ...EMPTY };

  protected readonly lines = computed<ReviewableLine[]>(() => {
    const titles = new Map(
      this.order().sellerOrders.flatMap((so) =>
        so.lines.map((line) => [`${so.id}:${line.productId}`, line.title]),
      ),
    );
    return this.reviewable()
      .filter((line) => line.canReview || line.reviewId)
      .map((line) => ({ ...line, title: titles.get(this.key(line)) ?? 'Product' }));
  });

  constructor() {
    effect(() => {
      const delivered = this.order()
        .sellerOrders.filter((so) => so.status === 'delivered')
        .map((so) => so.id);
      untracked(() => this.load(delivered));
    });
  }

  protected key(line: Pick<ReviewablePurchase, 'sellerOrderId' | 'productId'>): string {
    return `${line.sellerOrderId}:${line.productId}`;
  }

  protected start(line: ReviewableLine): void {
    this.draft = { ...EMPTY };
    this.error.set(null);
    this.notice.set('');
    this.open.set(this.key(line));
  }

  protected submit(line: ReviewableLine): void {
    const { rating, title, text } = this.draft;
    if (!rating || !title.trim() || !text.trim()) {
      this.error.set('Choose a rating and write a title and a review.');
      return;
    }
    this.sending.set(true);
    this.error.set(null);
    this.api
      .create({ sellerOrderId: line.sellerOrderId, productId: line.productId, rating, title, text })
      .subscribe({
        next: (reviewId) => {
          this.sending.set(false);
          this.open.set(null);
          this.notice.set(`Thank you — your review of ${line.title} is published.`);
          this.reviewable.update((list) =>
            list.map((l) => (this.key(l) === this.key(line) ? { ...l, canReview: false, reviewId } : l)),
          );
        },
        error: (error: unknown) => {
          this.sending.set(false);
          this.error.set(error instanceof Error ? error.message : String(error));
        },
      });
  }

  private load(sellerOrderIds: string[]): void {
    if (sellerOrderIds.length === 0) {
      this.reviewable.set([]);
      return;
    }
    this.api.reviewable(sellerOrderIds).subscribe({
      next: (lines) => this.reviewable.set(lines),
      error: (error: unknown) =>
        this.error.set(
          `Reviews are unavailable right now: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
  }
}
