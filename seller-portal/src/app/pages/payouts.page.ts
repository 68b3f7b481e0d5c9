import { DatePipe, LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { Api, formatMoney, listSelection, messageOf, type Page, pageOf } from '@marketplace/web-portal';
import { downloadCsv, toCsv } from '../shared/csv';

interface PayoutAccount {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}
interface Transfer {
  id: string;
  sellerOrderId: string;
  subtotal: number;
  commission: number;
  amount: number;
  currency: string;
  status: string;
  reversalStatus: string;
  reversedAmount: number;
  createdAt: string;
}

const PAYOUTS = `query Payouts($after: String) {
  payoutAccount { accountId chargesEnabled payoutsEnabled detailsSubmitted }
  payoutTransfers(first: 50, after: $after) {
    ${listSelection('id sellerOrderId subtotal commission amount currency status reversalStatus reversedAmount createdAt')}
  }
}`;
const ONBOARD = `mutation Onboard($input: StartPayoutOnboardingInput!) { startPayoutOnboarding(input: $input) { url } }`;

/** The payout account's state (Stripe Express onboarding) and the transfers of each order's share. */
@Component({
  selector: 'sp-payouts-page',
  imports: [DatePipe, LowerCasePipe, MatButtonModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Payouts</h1>
    @if (failure(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (loaded()) {
      @if (account(); as a) {
        @if (a.payoutsEnabled) {
          <p class="notice" role="status" data-testid="payouts-enabled">
            Your payout account {{ a.accountId }} receives transfers.
          </p>
        } @else {
          <p class="error" role="status" data-testid="payouts-pending">
            Your payout account {{ a.accountId }} cannot receive transfers yet:
            {{ a.detailsSubmitted ? 'the provider is checking your details.' : 'details are still due.' }}
          </p>
          <button mat-flat-button type="button" (click)="onboard()" [disabled]="busy()">
            Continue onboarding
          </button>
        }
      } @else {
        <p class="error" role="status" data-testid="no-payout-account">
          You have no payout account yet: sales are held until you set one up.
        </p>
        <button mat-flat-button type="button" (click)="onboard()" [disabled]="busy()" data-testid="onboard">
          Set up payouts
        </button>
      }
      <h2>Balance</h2>
      <p data-testid="balance">
        Your share after commission: <strong>{{ total() }}</strong> · Commission: {{ commission() }} · Still
        pending: {{ pending() }}
      </p>
      <h2>Transfers</h2>
      @if (transfers(); as page) {
        @if (page.nodes.length === 0) {
          <p class="notice" role="status">No transfers yet: each paid order's share is transferred here.</p>
        } @else {
          <div class="table-scroll" tabindex="0" role="region" aria-label="Transfers, scrollable">
            <table mat-table [dataSource]="page.nodes" aria-label="Transfers">
              <ng-container matColumnDef="date">
                <th mat-header-cell *matHeaderCellDef scope="col">Date</th>
                <td mat-cell *matCellDef="let t">{{ t.createdAt | date: 'mediumDate' }}</td>
              </ng-container>
              <ng-container matColumnDef="subtotal">
                <th mat-header-cell *matHeaderCellDef scope="col">Order subtotal</th>
                <td mat-cell *matCellDef="let t">{{ money(t.subtotal, t.currency) }}</td>
              </ng-container>
              <ng-container matColumnDef="commission">
                <th mat-header-cell *matHeaderCellDef scope="col">Commission</th>
                <td mat-cell *matCellDef="let t">{{ money(t.commission, t.currency) }}</td>
              </ng-container>
              <ng-container matColumnDef="amount">
                <th mat-header-cell *matHeaderCellDef scope="col">Transferred</th>
                <td mat-cell *matCellDef="let t">{{ money(t.amount - t.reversedAmount, t.currency) }}</td>
              </ng-container>
              <ng-container matColumnDef="status">
                <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
                <td mat-cell *matCellDef="let t">{{ t.status | lowercase }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns"></tr>
            </table>
          </div>
          <div class="actions">
            <button mat-stroked-button type="button" (click)="download(page.nodes)">Download CSV</button>
          </div>
        }
      }
    }
  `,
})
export class PayoutsPage {
  private readonly api = inject(Api);
  protected readonly columns = ['date', 'subtotal', 'commission', 'amount', 'status'];
  protected readonly account = signal<PayoutAccount | null>(null);
  protected readonly transfers = signal<Page<Transfer> | null>(null);
  protected readonly loaded = signal(false);
  protected readonly failure = signal('');
  protected readonly busy = signal(false);

  constructor() {
    void this.load();
  }

  protected readonly money = formatMoney;

  protected total(): string {
    return this.sum((t) => t.amount - t.reversedAmount);
  }

  protected pending(): string {
    return this.sum((t) => (t.status === 'PENDING' ? t.amount - t.reversedAmount : 0));
  }

  protected commission(): string {
    return this.sum((t) => t.commission);
  }

  private sum(pick: (t: Transfer) => number): string {
    const list = this.transfers()?.nodes ?? [];
    const currency = list[0]?.currency ?? 'EUR';
    return formatMoney(
      list.filter((t) => t.currency === currency).reduce((total, t) => total + pick(t), 0),
      currency,
    );
  }

  protected async onboard(): Promise<void> {
    this.busy.set(true);
    try {
      const here = `${window.location.origin}/payouts`;
      const { startPayoutOnboarding } = await this.api.request<{ startPayoutOnboarding: { url: string } }>(
        ONBOARD,
        {
          input: { returnUrl: here, refreshUrl: here },
        },
      );
      window.location.assign(startPayoutOnboarding.url);
    } catch (error) {
      this.failure.set(messageOf(error));
      this.busy.set(false);
    }
  }

  protected download(list: Transfer[]): void {
    const rows = [
      ['date', 'seller_order', 'subtotal', 'commission', 'transferred', 'currency', 'status'],
      ...list.map((t) => [
        t.createdAt,
        t.sellerOrderId,
        (t.subtotal / 100).toFixed(2),
        (t.commission / 100).toFixed(2),
        ((t.amount - t.reversedAmount) / 100).toFixed(2),
        t.currency,
        t.status,
      ]),
    ];
    downloadCsv('transfers.csv', toCsv(rows));
  }

  private async load(): Promise<void> {
    try {
      const data = await this.api.request<{
        payoutAccount: PayoutAccount | null;
        payoutTransfers: Parameters<typeof pageOf<Transfer>>[0];
      }>(PAYOUTS, { after: null });
      this.account.set(data.payoutAccount);
      this.transfers.set(pageOf(data.payoutTransfers));
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.loaded.set(true);
    }
  }
}
