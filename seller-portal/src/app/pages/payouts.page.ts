import { DatePipe, LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { Api, formatMoney, listSelection, messageOf, type Page, pageOf } from '@marketplace/web-portal';
import { downloadCsv, toCsv } from '../shared/csv';
import {
  heldReasonText,
  PAYOUT_ACCOUNT_FIELDS,
  payoutStage,
  requirementLabel,
  type PayoutAccountState,
} from '../shared/payout-account';

/** The seller's money at the platform in one currency (payments ledger), with what is held and why. */
interface PayoutBalance {
  currency: string;
  balance: number;
  held: number;
  available: number;
  disputed: number;
  heldFunds: { reason: string; code: string; amount: number; count: number }[];
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
  payoutAccount { ${PAYOUT_ACCOUNT_FIELDS} }
  payoutBalances { currency balance held available disputed heldFunds { reason code amount count } }
  payoutTransfers(first: 50, after: $after) {
    ${listSelection('id sellerOrderId subtotal commission amount currency status reversalStatus reversedAmount createdAt')}
  }
}`;
const ONBOARD = `mutation Onboard($input: StartPayoutOnboardingInput!) { startPayoutOnboarding(input: $input) { url } }`;

/**
 * The payout account's state (Stripe Express onboarding, requirements due), the balance the payments ledger holds
 * for the seller (held funds and why) and the transfers of each order's share.
 */
@Component({
  selector: 'sp-payouts-page',
  imports: [DatePipe, LowerCasePipe, MatButtonModule, MatTableModule],
  styles: `
    .balance dl {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 32px;
      margin: 0 0 8px;
    }
    .balance dt {
      font: var(--mat-sys-label-large);
    }
    .balance dd {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    .balance h3 {
      margin: 16px 0 4px;
    }
    div.error p,
    div.error ul {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Payouts</h1>
    @if (failure(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (!loaded()) {
      <p class="notice" role="status">Loading payouts…</p>
    }
    @if (loaded()) {
      @if (account(); as a) {
        @switch (stage()) {
          @case ('transfers-enabled') {
            <p class="notice" role="status" data-testid="payouts-enabled">
              Transfers enabled: your payout account {{ a.accountId }} receives your shares.
            </p>
          }
          @case ('requirements-due') {
            <div class="error" role="status" data-testid="payouts-requirements">
              <p>
                Requirements due: your payout account {{ a.accountId }} needs these before it can receive
                transfers.
              </p>
              <ul aria-label="Requirements due">
                @for (requirement of a.requirementsDue; track requirement) {
                  <li>{{ label(requirement) }}</li>
                }
              </ul>
            </div>
          }
          @default {
            <p class="error" role="status" data-testid="payouts-pending">
              Your payout account {{ a.accountId }} cannot receive transfers yet: the provider is checking
              your details.
            </p>
          }
        }
        @if (stage() !== 'transfers-enabled') {
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
      @for (b of balances(); track b.currency) {
        <section class="balance" data-testid="balance" [attr.aria-label]="'Balance in ' + b.currency">
          <dl>
            <div>
              <dt>Owed to you</dt>
              <dd data-testid="balance-owed">{{ money(b.balance, b.currency) }}</dd>
            </div>
            <div>
              <dt>Held</dt>
              <dd data-testid="balance-held">{{ money(b.held, b.currency) }}</dd>
            </div>
            <div>
              <dt>Available for transfer</dt>
              <dd data-testid="balance-available">{{ money(b.available, b.currency) }}</dd>
            </div>
            @if (b.disputed > 0) {
              <div>
                <dt>In open disputes</dt>
                <dd>{{ money(b.disputed, b.currency) }}</dd>
              </div>
            }
          </dl>
          @if (b.heldFunds.length > 0) {
            <h3>Why money is held</h3>
            <ul data-testid="held-reasons">
              @for (h of b.heldFunds; track h.reason) {
                <li data-testid="held-reason" [attr.data-code]="h.code">
                  {{ money(h.amount, b.currency) }} ({{ h.count }} {{ h.count === 1 ? 'order' : 'orders' }}):
                  {{ heldText(h) }}
                </li>
              }
            </ul>
          }
        </section>
      } @empty {
        <p class="notice" role="status" data-testid="balance">
          Nothing owed to you yet: each paid order's share shows here.
        </p>
      }
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
  protected readonly account = signal<PayoutAccountState | null>(null);
  protected readonly stage = computed(() => payoutStage(this.account()));
  protected readonly balances = signal<PayoutBalance[]>([]);
  protected readonly label = requirementLabel;
  protected readonly heldText = heldReasonText;
  protected readonly transfers = signal<Page<Transfer> | null>(null);
  protected readonly loaded = signal(false);
  protected readonly failure = signal('');
  protected readonly busy = signal(false);

  constructor() {
    void this.load();
  }

  protected readonly money = formatMoney;

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
        payoutAccount: PayoutAccountState | null;
        payoutBalances: PayoutBalance[];
        payoutTransfers: Parameters<typeof pageOf<Transfer>>[0];
      }>(PAYOUTS, { after: null });
      this.account.set(data.payoutAccount);
      this.balances.set(data.payoutBalances);
      this.transfers.set(pageOf(data.payoutTransfers));
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.loaded.set(true);
    }
  }
}
