import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api, listSelection, messageOf, PagedList, pageOf } from '@marketplace/web-portal';
import { loadPayoutAccounts, PayoutState, type SellerPayoutAccount } from './payout-account';
import { SELLER_FIELDS, STATUS_LABEL, type SellerAccount, type TenantStatus } from './sellers.models';

const SELLERS = `query Sellers($status: TenantStatus, $first: Int, $after: String) {
  tenants(filter: { status: $status }, first: $first, after: $after) { ${listSelection(SELLER_FIELDS)} }
}`;
const PAGE_SIZE = 20;

/** Every seller organization, the applications queue first: server-side filtered and paginated. */
@Component({
  selector: 'ap-sellers-page',
  imports: [
    DatePipe,
    RouterLink,
    MatTableModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatProgressBarModule,
    PayoutState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Sellers</h1>
    <mat-button-toggle-group
      aria-label="Show sellers"
      [value]="status()"
      (change)="show($event.value)"
      data-testid="status-filter"
    >
      <mat-button-toggle value="PENDING">Applications</mat-button-toggle>
      <mat-button-toggle value="ACTIVE">Active</mat-button-toggle>
      <mat-button-toggle value="SUSPENDED">Suspended</mat-button-toggle>
      <mat-button-toggle value="REJECTED">Rejected</mat-button-toggle>
      <mat-button-toggle value="">All</mat-button-toggle>
    </mat-button-toggle-group>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading sellers" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (payoutError(); as message) {
      <p class="error" role="alert" data-testid="kyc-error">Payout accounts unknown: {{ message }}</p>
    }
    @if (!loading() && !error() && sellers().length === 0) {
      <p class="notice" data-testid="empty">
        No {{ status() ? label(status()).toLowerCase() : '' }} sellers.
      </p>
    }
    @if (sellers().length) {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Sellers, scrollable">
        <table mat-table class="stacked" [dataSource]="sellers()" aria-label="Sellers">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef scope="col">Store</th>
            <td mat-cell data-label="Store" *matCellDef="let s">
              <a [routerLink]="['/sellers', s.id]" data-testid="seller-link">{{ s.name }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="contact">
            <th mat-header-cell *matHeaderCellDef scope="col">Contact</th>
            <td mat-cell data-label="Contact" *matCellDef="let s">
              <span>{{ s.contactEmail }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
            <td mat-cell data-label="Status" *matCellDef="let s">
              <span
                ><span class="status">{{ label(s.status) }}</span></span
              >
            </td>
          </ng-container>
          <ng-container matColumnDef="payouts">
            <th mat-header-cell *matHeaderCellDef scope="col">Payout account (KYC)</th>
            <td mat-cell data-label="Payout account (KYC)" *matCellDef="let s">
              <ap-payout-state [account]="payouts().get(s.id) ?? null" />
            </td>
          </ng-container>
          <ng-container matColumnDef="created">
            <th mat-header-cell *matHeaderCellDef scope="col">Signed up</th>
            <td mat-cell data-label="Signed up" *matCellDef="let s">
              <span>{{ s.createdAt | date: 'mediumDate' }}</span>
            </td>
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
    mat-button-toggle-group {
      margin-bottom: 12px;
      flex-wrap: wrap;
    }
  `,
})
export class SellersPage {
  private readonly api = inject(Api);
  protected readonly columns = ['name', 'contact', 'status', 'payouts', 'created'];
  /** Payout account (KYC) state by seller id, read for each page the queue loads. */
  protected readonly payouts = signal(new Map<string, SellerPayoutAccount>());
  protected readonly payoutError = signal<string | null>(null);
  protected readonly status = signal<TenantStatus | ''>('PENDING');
  protected readonly list = new PagedList<SellerAccount>(async (after) => {
    const { tenants } = await this.api.request<{ tenants: Parameters<typeof pageOf<SellerAccount>>[0] }>(
      SELLERS,
      {
        status: this.status() || null,
        first: PAGE_SIZE,
        after,
      },
    );
    const page = pageOf(tenants);
    await this.loadPayouts(
      page.nodes.map((seller) => seller.id),
      after !== null,
    );
    return page;
  });
  protected readonly sellers = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly hasNextPage = this.list.hasNextPage;

  constructor() {
    void this.list.reload();
  }

  /** The sellers' payout accounts; the queue stays usable (state unknown) when the payments service fails. */
  private async loadPayouts(sellerIds: string[], append: boolean): Promise<void> {
    try {
      const accounts = await loadPayoutAccounts(this.api, sellerIds);
      this.payouts.update((known) => new Map([...(append ? known : []), ...accounts]));
      this.payoutError.set(null);
    } catch (error) {
      this.payoutError.set(messageOf(error));
    }
  }

  protected label(status: TenantStatus | ''): string {
    return status ? STATUS_LABEL[status] : '';
  }

  protected show(status: TenantStatus | ''): void {
    this.status.set(status);
    void this.list.reload();
  }

  protected more(): void {
    void this.list.more();
  }
}
