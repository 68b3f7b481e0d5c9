import { formatDate } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, LOCALE_ID, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';
import { type MoneyColumn, MoneyTable } from '../../shared/money-table';

interface LedgerEntry {
  id: string;
  kind: string;
  amount: number;
  currency: string;
  balanceAfter: number;
  buyerOrderId: string;
  createdAt: string;
}

interface LedgerOverview {
  balances: { currency: string; balance: number }[];
  held: { currency: string; amount: number; transfers: number }[];
  entries: LedgerEntry[];
}

const LEDGER = `query SellerLedger($sellerId: ID!) {
  sellerLedgerOverview(sellerId: $sellerId, latest: 10) {
    balances { currency balance }
    held { currency amount transfers }
    entries { id kind amount currency balanceAfter buyerOrderId createdAt }
  }
}`;

/** What the platform owes one seller, what it holds back, and the latest ledger entries (payments service). */
@Component({
  selector: 'ap-seller-ledger',
  imports: [MatProgressBarModule, MoneyTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="seller-ledger-caption" data-testid="seller-ledger">
      <h2 id="seller-ledger-caption">Ledger</h2>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      } @else if (ledger(); as l) {
        <dl class="facts">
          <dt>Balance</dt>
          <dd data-testid="ledger-balance">
            @for (b of l.balances; track b.currency) {
              <span>{{ money(b.balance, b.currency) }}</span>{{ $last ? '' : ' · ' }}
            } @empty {
              nothing owed
            }
          </dd>
          <dt>Held</dt>
          <dd data-testid="ledger-held">
            @for (h of l.held; track h.currency) {
              <span
                >{{ money(h.amount, h.currency) }} in {{ h.transfers }} transfer{{
                  h.transfers === 1 ? '' : 's'
                }}</span
              >{{ $last ? '' : ' · ' }}
            } @empty {
              nothing held
            }
          </dd>
        </dl>
        @if (l.entries.length === 0) {
          <p class="notice" data-testid="ledger-empty">
            No ledger entries yet: this seller has sold nothing.
          </p>
        } @else {
          <ap-money-table
            [rows]="l.entries"
            [columns]="columns"
            label="Latest ledger entries"
            rowTestId="ledger-row"
          />
        }
      } @else {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the seller's ledger" />
      }
    </section>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
    }
  `,
})
export class SellerLedger {
  readonly sellerId = input.required<string>();
  private readonly api = inject(Api);
  private readonly locale = inject(LOCALE_ID);
  protected readonly columns: MoneyColumn<LedgerEntry>[] = [
    {
      id: 'when',
      header: 'When (UTC)',
      text: (e) => formatDate(e.createdAt, 'yyyy-MM-dd HH:mm', this.locale, 'UTC'),
    },
    { id: 'kind', header: 'Entry', text: (e) => e.kind },
    { id: 'amount', header: 'Amount', text: (e) => formatMoney(e.amount, e.currency) },
    { id: 'balance', header: 'Balance after', text: (e) => formatMoney(e.balanceAfter, e.currency) },
    { id: 'order', header: 'Order', text: (e) => e.buyerOrderId, link: (e) => ['/orders', e.buyerOrderId] },
  ];
  protected readonly ledger = signal<LedgerOverview | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly money = formatMoney;

  constructor() {
    effect(() => void this.load(this.sellerId()));
  }

  private async load(sellerId: string): Promise<void> {
    this.error.set(null);
    try {
      const { sellerLedgerOverview } = await this.api.request<{ sellerLedgerOverview: LedgerOverview }>(
        LEDGER,
        {
          sellerId,
        },
      );
      this.ledger.set(sellerLedgerOverview);
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }
}
