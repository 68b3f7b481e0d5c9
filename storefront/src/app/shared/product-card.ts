import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { ProductSummary } from '../catalog/catalog.models';
import { MoneyPipe } from './money.pipe';
import { ProductImage } from './product-image';
import { RatingStars } from './rating-stars';

@Component({
  selector: 'sf-product-card',
  imports: [RouterLink, MatCardModule, MoneyPipe, ProductImage, RatingStars],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = product();
    <mat-card appearance="outlined" class="card">
      <sf-product-image [title]="p.title" [seed]="p.images[0] ?? p.id" size="small" />
      <mat-card-content>
        <h3 class="title">
          <a [routerLink]="['/products', p.id]" data-testid="product-link">{{ p.title }}</a>
        </h3>
        <p class="price">
          @if (p.minPrice !== p.maxPrice) {
            <span>from </span>
          }
          {{ p.minPrice | money: p.currency }}
        </p>
        @if (p.ratingCount > 0) {
          <sf-rating-stars class="rating" [average]="p.ratingAvg" [count]="p.ratingCount" />
        }
        <p class="stock" [class.out]="!p.inStock">{{ p.inStock ? 'In stock' : 'Out of stock' }}</p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card {
      height: 100%;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 8px 0 4px;
    }
    .title a {
      color: var(--mat-sys-on-surface);
      text-decoration: none;
    }
    .title a::after {
      content: '';
      position: absolute;
      inset: 0;
    }
    .title a:focus-visible {
      outline: none;
    }
    :host:has(a:focus-visible) .card {
      outline: 3px solid var(--mat-sys-primary);
    }
    .card {
      position: relative;
    }
    .price {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    .rating {
      display: block;
      margin-top: 4px;
    }
    .stock {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .stock.out {
      color: var(--mat-sys-error);
    }
  `,
})
export class ProductCard {
  readonly product = input.required<ProductSummary>();
}
