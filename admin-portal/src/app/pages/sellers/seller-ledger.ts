import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';

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
  imports: [DatePipe, RouterLink, MatProgressBarModule, MatTableModule],
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
          <table mat-table class="stacked" [dataSource]="l.entries" aria-label="Latest ledger entries">
            <ng-container matColumnDef="when">
              <th mat-header-cell *matHeaderCellDef scope="col">When (UTC)</th>
              <td mat-cell data-label="When (UTC)" *matCellDef="let e">
                {{ e.createdAt | date: 'yyyy-MM-dd HH:mm' : 'UTC' }}
              </td>
            </ng-container>
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef scope="col">Entry</th>
              <td mat-cell data-label="Entry" *matCellDef="let e">{{ e.kind }}</td>
            </ng-container>
            <ng-container matColumnDef="amount">
              <th mat-header-cell *matHeaderCellDef scope="col">Amount</th>
              <td mat-cell data-label="Amount" *matCellDef="let e">{{ money(e.amount, e.currency) }}</td>
            </ng-container>
            <ng-container matColumnDef="balance">
              <th mat-header-cell *matHeaderCellDef scope="col">Balance after</th>
              <td mat-cell data-label="Balance after" *matCellDef="let e">
                {{ money(e.balanceAfter, e.currency) }}
              </td>
            </ng-container>
            <ng-container matColumnDef="order">
              <th mat-header-cell *matHeaderCellDef scope="col">Order</th>
              <td mat-cell data-label="Order" *matCellDef="let e">
                <a class="id" [routerLink]="['/orders', e.buyerOrderId]">{{ e.buyerOrderId }}</a>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="ledger-row"></tr>
          </table>
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
    .id {
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
  `,
})
export class SellerLedger {
  readonly sellerId = input.required<string>();
  private readonly api = inject(Api);
  protected readonly columns = ['when', 'kind', 'amount', 'balance', 'order'];
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
