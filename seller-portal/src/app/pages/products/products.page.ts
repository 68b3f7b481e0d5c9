import { LowerCasePipe, TitleCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort, type SortDirection } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api, formatMoney, listSelection, messageOf, type Page, pageOf } from '@marketplace/web-portal';
import { PRODUCT_FIELDS, type Product, type ProductStatus } from './products.models';

const PAGE_SIZE = 20;
const MY_PRODUCTS = `query MyProducts($first: Int, $after: String, $status: ProductStatus, $sort: SellerProductSort) {
  myProducts(first: $first, after: $after, status: $status, sort: $sort) { ${listSelection(PRODUCT_FIELDS)} }
}`;

/** The catalog's order for a sorted column (the catalog sorts and pages; the table only asks). */
export function sellerSort(column: string, direction: SortDirection): string {
  if (!direction) return 'NEWEST';
  if (column === 'title') return direction === 'asc' ? 'TITLE_ASC' : 'TITLE_DESC';
  if (column === 'price') return direction === 'asc' ? 'PRICE_ASC' : 'PRICE_DESC';
  return 'NEWEST';
}

/** The seller's products, paged by the catalog (cursor pages, newest first), filtered by status. */
@Component({
  selector: 'sp-products-page',
  imports: [
    RouterLink,
    TitleCasePipe,
    LowerCasePipe,
    MatTableModule,
    MatSortModule,
    MatButtonModule,
    MatSelectModule,
    MatFormFieldModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Products</h1>
    <div class="actions">
      <a mat-flat-button routerLink="/products/new" data-testid="new-product">New product</a>
      <a mat-stroked-button routerLink="/products/import" data-testid="import-link">Import / export CSV</a>
      <mat-form-field class="status" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="status()" (valueChange)="filter($event)" data-testid="status-filter">
          <mat-option value="">Any status</mat-option>
          <mat-option value="DRAFT">Draft</mat-option>
          <mat-option value="PUBLISHED">Published</mat-option>
          <mat-option value="ARCHIVED">Archived</mat-option>
        </mat-select>
      </mat-form-field>
    </div>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading products" />
    }
    @if (failure(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (page(); as p) {
      @if (p.nodes.length === 0) {
        <p class="notice" role="status">No products yet. Create your first one.</p>
      } @else {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Products, scrollable">
          <table
            mat-table
            matSort
            [matSortActive]="sort().active"
            [matSortDirection]="sort().direction"
            (matSortChange)="sortBy($event)"
            [dataSource]="p.nodes"
            aria-label="Your products"
          >
            <ng-container matColumnDef="title">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Product</th>
              <td mat-cell *matCellDef="let product">
                <a [routerLink]="['/products', product.id]" data-testid="product-row-link">{{
                  product.title
                }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
              <td mat-cell *matCellDef="let product" data-testid="product-status">
                {{ product.status | titlecase }}
                @if (product.moderation !== 'NONE') {
                  <span class="moderation">· {{ product.moderation | lowercase }} by moderation</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="price">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Price</th>
              <td mat-cell *matCellDef="let product">{{ price(product) }}</td>
            </ng-container>
            <ng-container matColumnDef="variants">
              <th mat-header-cell *matHeaderCellDef scope="col">Variants</th>
              <td mat-cell *matCellDef="let product">{{ product.variants.length }}</td>
            </ng-container>
            <ng-container matColumnDef="stock">
              <th mat-header-cell *matHeaderCellDef scope="col">Stock</th>
              <td mat-cell *matCellDef="let product">{{ product.inStock ? 'In stock' : 'Out of stock' }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <nav class="actions" aria-label="Product pages">
          <button mat-stroked-button type="button" [disabled]="cursors().length === 0" (click)="previous()">
            Previous page
          </button>
          <span>Page {{ cursors().length + 1 }}</span>
          <button mat-stroked-button type="button" [disabled]="!p.hasNextPage" (click)="next(p.endCursor)">
            Next page
          </button>
        </nav>
      }
    }
  `,
  styles: `
    .status {
      width: 200px;
    }
    .moderation {
      color: var(--mat-sys-error);
    }
  `,
})
export class ProductsPage {
  private readonly api = inject(Api);
  protected readonly columns = ['title', 'status', 'price', 'variants', 'stock'];
  protected readonly page = signal<Page<Product> | null>(null);
  protected readonly status = signal<ProductStatus | ''>('');
  protected readonly sort = signal<Sort>({ active: '', direction: '' });
  /** Cursors of the pages before this one (the first page has none). */
  protected readonly cursors = signal<(string | null)[]>([]);
  protected readonly loading = signal(false);
  protected readonly failure = signal('');

  constructor() {
    void this.load(null);
  }

  protected price(product: Product): string {
    const from = formatMoney(product.minPrice, product.currency);
    return product.maxPrice > product.minPrice
      ? `${from} – ${formatMoney(product.maxPrice, product.currency)}`
      : from;
  }

  protected filter(status: ProductStatus | ''): void {
    this.status.set(status);
    this.cursors.set([]);
    void this.load(null);
  }

  protected sortBy(sort: Sort): void {
    this.sort.set(sort);
    this.cursors.set([]);
    void this.load(null);
  }

  protected next(cursor: string | null): void {
    this.cursors.update((list) => [...list, this.current]);
    void this.load(cursor);
  }

  protected previous(): void {
    const list = this.cursors();
    this.cursors.set(list.slice(0, -1));
    void this.load(list.at(-1) ?? null);
  }

  private current: string | null = null;

  private async load(after: string | null): Promise<void> {
    this.loading.set(true);
    this.failure.set('');
    try {
      const { myProducts } = await this.api.request<{ myProducts: Parameters<typeof pageOf<Product>>[0] }>(
        MY_PRODUCTS,
        {
          first: PAGE_SIZE,
          after,
          status: this.status() || null,
          sort: sellerSort(this.sort().active, this.sort().direction),
        },
      );
      this.current = after;
      this.page.set(pageOf(myProducts));
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
