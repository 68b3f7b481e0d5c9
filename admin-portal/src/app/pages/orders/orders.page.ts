import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Api, formatMoney, messageOf, PagedList, pageOf, type RawList } from '@marketplace/web-portal';
import { loadSellerNames, type SellerName } from '../../shared/seller-names';
import { type AdminOrder, FIND_ORDERS } from './orders.models';

const PAGE_SIZE = 20;
const USER_BY_EMAIL = `query UserByEmail($email: String!) { userByEmail(email: $email) { id email name } }`;

interface Buyer {
  id: string;
  email: string | null;
  name: string;
}
const ORDER_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Find any order by order id, buyer (id or e-mail) or seller: searched and paginated by the orders service. Orders
 * keep only the buyer's id, so an e-mail is first resolved through the identity directory (tenants service).
 */
@Component({
  selector: 'ap-orders-page',
  imports: [
    DatePipe,
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Orders</h1>
    <form [formGroup]="form" (ngSubmit)="search()" class="filters" aria-label="Find orders">
      <mat-form-field>
        <mat-label>Order id</mat-label>
        <input matInput formControlName="orderId" data-testid="find-order-id" />
        <mat-hint>A buyer or seller order id</mat-hint>
        @if (form.controls.orderId.invalid) {
          <mat-error>26 characters, as shown on the order.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Seller</mat-label>
        <mat-select formControlName="sellerId" data-testid="find-seller">
          <mat-option [value]="null">Any seller</mat-option>
          @for (s of sellers(); track s.id) {
            <mat-option [value]="s.id">{{ s.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Buyer e-mail</mat-label>
        <input matInput type="email" formControlName="buyerEmail" data-testid="find-buyer-email" />
        <mat-hint>Exact address, any case</mat-hint>
        @if (form.controls.buyerEmail.invalid) {
          <mat-error>An e-mail address, like buyer&#64;example.com.</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>Buyer id</mat-label>
        <input matInput formControlName="buyerId" data-testid="find-buyer" />
      </mat-form-field>
      <button mat-flat-button type="submit" data-testid="find">Find</button>
    </form>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading orders" />
    }
    @if (error() ?? lookupError(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (unknownEmail(); as email) {
      <p class="notice" role="status" data-testid="unknown-buyer">
        Nobody has the e-mail address {{ email }}.
      </p>
    } @else if (buyer(); as b) {
      <p class="notice" role="status" data-testid="buyer-found">
        Orders of {{ b.name }} ({{ b.email }}), buyer id <code>{{ b.id }}</code>
      </p>
    }
    @if (!loading() && !error() && !unknownEmail() && orders().length === 0) {
      <p class="notice" data-testid="no-orders">No orders match.</p>
    }
    @if (orders().length) {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Orders, scrollable">
        <table mat-table [dataSource]="orders()" aria-label="Orders" data-testid="orders">
          <ng-container matColumnDef="id">
            <th mat-header-cell *matHeaderCellDef scope="col">Order</th>
            <td mat-cell *matCellDef="let o">
              <a [routerLink]="['/orders', o.id]" data-testid="order-link"
                ><code>{{ o.id }}</code></a
              >
            </td>
          </ng-container>
          <ng-container matColumnDef="placed">
            <th mat-header-cell *matHeaderCellDef scope="col">Placed</th>
            <td mat-cell *matCellDef="let o">{{ o.createdAt | date: 'medium' }}</td>
          </ng-container>
          <ng-container matColumnDef="sellers">
            <th mat-header-cell *matHeaderCellDef scope="col">Sellers</th>
            <td mat-cell *matCellDef="let o">{{ sellerNames(o) }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
            <td mat-cell *matCellDef="let o">
              <span class="status">{{ o.status }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="total">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Total</th>
            <td mat-cell *matCellDef="let o" class="num">{{ money(o.total, o.currency) }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
      <div class="actions">
        @if (hasNextPage()) {
          <button mat-stroked-button type="button" (click)="more()" data-testid="more">Show more</button>
        }
      </div>
    }
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 12px;
      margin-bottom: 12px;
    }
    .filters button {
      margin-top: 8px;
    }
    .num {
      text-align: right;
    }
  `,
})
export class OrdersPage {
  private readonly api = inject(Api);
  protected readonly columns = ['id', 'placed', 'sellers', 'status', 'total'];
  protected readonly sellers = signal<SellerName[]>([]);
  private readonly nameOf = computed(() => new Map(this.sellers().map((s) => [s.id, s.name])));
  protected readonly form = new FormGroup({
    orderId: new FormControl('', { nonNullable: true, validators: Validators.pattern(ORDER_ID) }),
    sellerId: new FormControl<string | null>(null),
    buyerEmail: new FormControl('', { nonNullable: true, validators: Validators.email }),
    buyerId: new FormControl('', { nonNullable: true }),
  });
  protected readonly buyer = signal<Buyer | null>(null);
  protected readonly unknownEmail = signal<string | null>(null);
  protected readonly lookupError = signal<string | null>(null);
  private filter: { orderId: string | null; sellerId: string | null; buyerId: string | null } = {
    orderId: null,
    sellerId: null,
    buyerId: null,
  };
  protected readonly list = new PagedList<AdminOrder>(async (after) => {
    const { orders } = await this.api.request<{ orders: RawList<AdminOrder> }>(FIND_ORDERS, {
      ...this.filter,
      first: PAGE_SIZE,
      after,
    });
    return pageOf(orders);
  });
  protected readonly orders = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly hasNextPage = this.list.hasNextPage;

  constructor() {
    const sellerId = inject(ActivatedRoute).snapshot.queryParamMap.get('sellerId');
    if (sellerId) {
      this.form.controls.sellerId.setValue(sellerId);
      this.filter = { ...this.filter, sellerId };
    }
    void this.list.reload();
    void this.loadSellers();
  }

  protected readonly money = formatMoney;

  protected sellerNames(order: AdminOrder): string {
    return order.sellerOrders.map((s) => this.nameOf().get(s.tenantId) ?? s.tenantId).join(', ');
  }

  protected async search(): Promise<void> {
    this.form.controls.orderId.setValue(this.form.controls.orderId.value.trim().toUpperCase());
    this.form.controls.buyerEmail.setValue(this.form.controls.buyerEmail.value.trim());
    if (this.form.invalid) return;
    const { orderId, sellerId, buyerEmail, buyerId } = this.form.getRawValue();
    this.buyer.set(null);
    this.unknownEmail.set(null);
    this.lookupError.set(null);
    let buyer = buyerId.trim() || null;
    if (buyerEmail) {
      try {
        const { userByEmail } = await this.api.request<{ userByEmail: Buyer | null }>(USER_BY_EMAIL, {
          email: buyerEmail,
        });
        if (!userByEmail) {
          this.unknownEmail.set(buyerEmail);
          this.list.clear();
          return;
        }
        this.buyer.set(userByEmail);
        buyer = userByEmail.id;
      } catch (error) {
        this.lookupError.set(messageOf(error));
        return;
      }
    }
    this.filter = { orderId: orderId || null, sellerId, buyerId: buyer };
    void this.list.reload();
  }

  protected more(): void {
    void this.list.more();
  }

  private async loadSellers(): Promise<void> {
    try {
      this.sellers.set(await loadSellerNames(this.api));
    } catch {
      // Without names the seller filter stays empty and seller ids are shown; the orders still load.
    }
  }
}
