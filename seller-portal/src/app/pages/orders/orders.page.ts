import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { Api, formatMoney, listSelection, messageOf, type Page, pageOf } from '@marketplace/web-portal';
import {
  ORDER_STATUSES,
  placedRange,
  SELLER_ORDER_FIELDS,
  statusLabel,
  type SellerOrder,
} from './orders.models';

const ORDERS = `query SellerOrders($first: Int!, $after: String, $status: String, $from: String, $before: String) {
  sellerOrders(first: $first, after: $after, status: $status, placedFrom: $from, placedBefore: $before) {
    ${listSelection(SELLER_ORDER_FIELDS)}
  }
}`;

/** The order queue: this seller's orders, newest first, filtered by status and UTC dates placed (kept in the URL). */
@Component({
  selector: 'sp-orders-page',
  imports: [
    RouterLink,
    DatePipe,
    MatTableModule,
    MatSelectModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Orders</h1>
    <div class="actions">
      <mat-form-field subscriptSizing="dynamic" class="status">
        <mat-label>Status</mat-label>
        <mat-select [value]="status() ?? ''" (valueChange)="filter($event)" data-testid="order-status-filter">
          <mat-option value="">Any status</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ label(s) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic" class="date">
        <mat-label>Placed from</mat-label>
        <input
          matInput
          type="date"
          [value]="from() ?? ''"
          (change)="dates($any($event.target).value, to())"
          data-testid="order-from"
        />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic" class="date">
        <mat-label>Placed until</mat-label>
        <input
          matInput
          type="date"
          [value]="to() ?? ''"
          (change)="dates(from(), $any($event.target).value)"
          [attr.aria-invalid]="!!range().problem"
          [attr.aria-describedby]="range().problem ? 'order-dates-error' : null"
          data-testid="order-to"
        />
      </mat-form-field>
    </div>
    @if (range().problem; as problem) {
      <p class="field-error" id="order-dates-error" role="alert" data-testid="order-dates-error">
        {{ problem }}
      </p>
    }
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading orders" />
    }
    @if (failure(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (page(); as p) {
      @if (p.nodes.length === 0) {
        <p class="notice" role="status">
          {{ status() || from() || to() ? 'No orders match these filters.' : 'No orders yet.' }}
        </p>
      } @else {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Orders, scrollable">
          <table mat-table [dataSource]="p.nodes" aria-label="Orders">
            <ng-container matColumnDef="date">
              <th mat-header-cell *matHeaderCellDef scope="col">Placed</th>
              <td mat-cell *matCellDef="let order">
                <a [routerLink]="['/orders', order.id]" data-testid="order-link">{{
                  order.createdAt | date: 'medium'
                }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="buyer">
              <th mat-header-cell *matHeaderCellDef scope="col">Ship to</th>
              <td mat-cell *matCellDef="let order">{{ order.shipTo.name }}, {{ order.shipTo.city }}</td>
            </ng-container>
            <ng-container matColumnDef="items">
              <th mat-header-cell *matHeaderCellDef scope="col">Items</th>
              <td mat-cell *matCellDef="let order">{{ items(order) }}</td>
            </ng-container>
            <ng-container matColumnDef="total">
              <th mat-header-cell *matHeaderCellDef scope="col">Subtotal</th>
              <td mat-cell *matCellDef="let order">{{ money(order) }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
              <td mat-cell *matCellDef="let order" data-testid="order-status">{{ label(order.status) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="order-row"></tr>
          </table>
        </div>
        @if (p.hasNextPage) {
          <div class="actions">
            <button mat-stroked-button type="button" (click)="load(p.endCursor, p.nodes)">Show more</button>
          </div>
        }
      }
    }
  `,
  styles: `
    .status {
      width: 220px;
    }
    .date {
      width: 180px;
    }
    .field-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class OrdersPage implements OnInit {
  /** Query parameter `status`. */
  readonly status = input<string>();
  /** Query parameters `from` and `to`: UTC dates (YYYY-MM-DD), both included. */
  readonly from = input<string>();
  readonly to = input<string>();
  protected readonly range = computed(() => placedRange(this.from(), this.to()));
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  protected readonly statuses = ORDER_STATUSES;
  protected readonly columns = ['date', 'buyer', 'items', 'total', 'status'];
  protected readonly page = signal<Page<SellerOrder> | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal('');
  protected readonly label = statusLabel;

  ngOnInit(): void {
    void this.load(null);
  }

  protected filter(status: string): void {
    void this.router
      .navigate([], { queryParams: { status: status || null }, queryParamsHandling: 'merge' })
      .then(() => this.load(null));
  }

  protected dates(from: string | undefined, to: string | undefined): void {
    void this.router
      .navigate([], { queryParams: { from: from || null, to: to || null }, queryParamsHandling: 'merge' })
      .then(() => this.load(null));
  }

  protected items(order: SellerOrder): number {
    return order.lines.reduce((sum, line) => sum + line.quantity, 0);
  }

  protected money(order: SellerOrder): string {
    return formatMoney(order.subtotal, order.currency);
  }

  protected async load(after: string | null, before: SellerOrder[] = []): Promise<void> {
    const range = this.range();
    if (range.problem) {
      this.page.set(null);
      return;
    }
    this.loading.set(true);
    this.failure.set('');
    try {
      const { sellerOrders } = await this.api.request<{
        sellerOrders: Parameters<typeof pageOf<SellerOrder>>[0];
      }>(ORDERS, { first: 25, after, status: this.status() || null, from: range.from, before: range.before });
      const page = pageOf(sellerOrders);
      this.page.set({ ...page, nodes: [...before, ...page.nodes] });
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
