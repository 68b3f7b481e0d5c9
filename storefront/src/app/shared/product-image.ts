import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MediaVariant, ProductMedia } from '../catalog/catalog.models';

/** The variant of a picture to show at a size: the medium rendition for the main picture, else the thumbnail. */
export function variantFor(media: ProductMedia | undefined, size: 'small' | 'large'): MediaVariant | null {
  if (!media) return null;
  const wanted = size === 'large' ? 'medium' : 'thumbnail';
  return media.variants.find((v) => v.name === wanted) ?? media.variants[0] ?? null;
}

const HUES = [210, 25, 140, 280, 350, 190, 45, 100];

/**
 * A product picture: the media variant when there is one, else a stable decorative tile drawn from the id
 * (search results carry media ids only); the product title next to it carries the meaning for screen readers.
 */
@Component({
  selector: 'sf-product-image',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (picture(); as pic) {
      <img
        class="picture"
        [class.large]="size() === 'large'"
        [src]="pic.url"
        [width]="pic.width"
        [height]="pic.height"
        [alt]="alt()"
        [attr.fetchpriority]="size() === 'large' ? 'high' : null"
        [attr.loading]="size() === 'large' ? null : 'lazy'"
      />
    } @else {
      <div
        class="tile"
        [class.large]="size() === 'large'"
        [style.background]="background()"
        aria-hidden="true"
      >
        <span>{{ initials() }}</span>
      </div>
    }
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
    .picture {
      display: block;
      width: 100%;
      height: auto;
      aspect-ratio: 1;
      object-fit: contain;
      border-radius: 8px;
      background: #f3f3f6;
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
  /** The picture's media variant, when the API served one. */
  readonly picture = input<MediaVariant | null>(null);
  /** Empty for a decorative picture next to its product's name (thumbnails inside labelled buttons). */
  readonly alt = input('');

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
