import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

const HUES = [210, 25, 140, 280, 350, 190, 45, 100];

/**
 * A product picture. The catalog returns media ids only (no variant URLs yet), so this draws a stable,
 * decorative tile from the id; the product title next to it carries the meaning for screen readers.
 */
@Component({
  selector: 'sf-product-image',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tile" [class.large]="size() === 'large'" [style.background]="background()" aria-hidden="true">
      <span>{{ initials() }}</span>
    </div>
  `,
  styles: `
    .tile {
      aspect-ratio: 1;
      display: grid;
      place-items: center;
      border-radius: 8px;
      color: #1b1b1f;
      font-size: 2rem;
      font-weight: 600;
    }
    .tile.large {
      font-size: 4rem;
    }
  `,
})
export class ProductImage {
  readonly title = input.required<string>();
  readonly seed = input.required<string>();
  readonly size = input<'small' | 'large'>('small');

  protected readonly initials = computed(() =>
    this.title()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join(''),
  );
  protected readonly background = computed(() => {
    let hash = 0;
    for (const char of this.seed()) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    const hue = HUES[hash % HUES.length] ?? 210;
    return `linear-gradient(135deg, hsl(${hue} 70% 88%), hsl(${(hue + 40) % 360} 70% 78%))`;
  });
}
