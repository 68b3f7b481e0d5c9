import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Five stars filled to the average, read out as one image ("Rated 4.2 out of 5 from 12 reviews"). */
@Component({
  selector: 'sf-rating-stars',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="rating" role="img" [attr.aria-label]="label()" data-testid="rating-stars">
    <span class="stars" aria-hidden="true">
      <span class="empty">★★★★★</span>
      <span class="filled" [style.width.%]="percent()">★★★★★</span>
    </span>
    @if (showCount()) {
      <span class="count" aria-hidden="true">{{
        count() === 0 ? 'No reviews yet' : shown() + ' (' + count() + ')'
      }}</span>
    }
  </span>`,
  styles: `
    .rating {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .stars {
      position: relative;
      display: inline-block;
      line-height: 1;
      letter-spacing: 1px;
    }
    .empty {
      color: var(--mat-sys-outline);
    }
    .filled {
      position: absolute;
      inset: 0 auto 0 0;
      overflow: hidden;
      white-space: nowrap;
      color: #8a5300;
    }
    .count {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class RatingStars {
  /** 1–5, null or 0 without reviews. */
  readonly average = input<number | null>(null);
  readonly count = input(0);
  readonly showCount = input(true);

  protected readonly percent = computed(() => Math.max(0, Math.min(5, this.average() ?? 0)) * 20);
  protected readonly shown = computed(() => (this.average() ?? 0).toFixed(1));
  protected readonly label = computed(() => {
    const count = this.count();
    if (!count) return 'No reviews yet';
    return `Rated ${this.shown()} out of 5 from ${count} ${count === 1 ? 'review' : 'reviews'}`;
  });
}
