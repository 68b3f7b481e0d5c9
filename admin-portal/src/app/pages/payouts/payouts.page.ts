import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  Api,
  formatMoney,
  listSelection,
  messageOf,
  PagedList,
  pageOf,
  type RawList,
} from '@marketplace/web-portal';
import { DecisionPanel } from '../../shared/decision-panel';
import { ListStates } from '../../shared/list-states';

type Kind = 'HELD' | 'FAILED';

interface PayoutIssue {
  id: string;
  seller: { id: string; name: string };
  buyerOrderId: string;
  amount: number;
  currency: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

interface HeldFunds {
  currency: string;
  amount: number;
  transfers: number;
}

const ISSUES = `query PayoutIssues($kind: PayoutIssueKind!, $first: Int, $after: String) {
  payoutIssues(kind: $kind, first: $first, after: $after) {
    ${listSelection('id seller { id name } buyerOrderId amount currency status attempts lastError createdAt')}
  }
}`;
const HELD = `query HeldFunds { heldFunds { currency amount transfers } }`;
const RETRY = `mutation Retry($id: ID!, $reason: String) { retryTransfer(id: $id, reason: $reason) { id status } }`;
const PAGE_SIZE = 20;

/** Held funds and failed transfers across sellers, with a retry of each (payments service). */
@Component({
  selector: 'ap-payouts-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatTableModule,
    DecisionPanel,
    ListStates,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Payouts</h1>
    <section class="kpis" aria-label="Held funds">
      @for (h of held(); track h.currency) {
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="held-amount">{{ money(h.amount, h.currency) }}</p>
            <p>held in {{ h.transfers }} transfer{{ h.transfers === 1 ? '' : 's' }}</p></mat-card-content
          ></mat-card
        >
      } @empty {
        <p class="notice" data-testid="nothing-held">No money is held for sellers.</p>
      }
    </section>
    <mat-button-toggle-group aria-label="Show transfers" [value]="kind()" (change)="show($event.value)">
      <mat-button-toggle value="HELD">Held</mat-button-toggle>
      <mat-button-toggle value="FAILED">Failed</mat-button-toggle>
    </mat-button-toggle-group>
    <p class="notice">
      {{
        kind() === 'HELD'
          ? 'Held: the seller may not receive money yet (no active payout account, awaiting approval or suspended). A retry transfers it once that has changed.'
          : 'Failed: the payment provider refused the transfer; the platform retries on its own, or retry now.'
      }}
    </p>
    <ap-decision-panel
      #decision
      label="Reason for a retry"
      hint="Optional (at most 1000 characters). Recorded in the audit log."
      fieldTestId="retry-reason"
      doneTestId="retry-done"
    />
    <ap-list-states
      [list]="list"
      loadingLabel="Loading transfers"
      [empty]="'No ' + (kind() === 'HELD' ? 'held' : 'failed') + ' transfers.'"
      emptyTestId="no-issues"
      moreTestId="more"
    >
      <div class="table-scroll" tabindex="0" role="region" aria-label="Transfers, scrollable">
        <table mat-table [dataSource]="rows()" aria-label="Transfers" data-testid="issues">
          <ng-container matColumnDef="seller">
            <th mat-header-cell *matHeaderCellDef scope="col">Seller</th>
            <td mat-cell *matCellDef="let t">
              <a [routerLink]="['/sellers', t.seller.id]">{{ t.seller.name }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="order">
            <th mat-header-cell *matHeaderCellDef scope="col">Order</th>
            <td mat-cell *matCellDef="let t">
              <a [routerLink]="['/orders', t.buyerOrderId]"
                ><code>{{ t.buyerOrderId }}</code></a
              >
            </td>
          </ng-container>
          <ng-container matColumnDef="amount">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Amount</th>
            <td mat-cell *matCellDef="let t" class="num">{{ money(t.amount, t.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="why">
            <th mat-header-cell *matHeaderCellDef scope="col">Why</th>
            <td mat-cell *matCellDef="let t">{{ t.lastError }}</td>
          </ng-container>
          <ng-container matColumnDef="since">
            <th mat-header-cell *matHeaderCellDef scope="col">Since</th>
            <td mat-cell *matCellDef="let t">{{ t.createdAt | date: 'medium' }}</td>
          </ng-container>
          <ng-container matColumnDef="retry">
            <th mat-header-cell *matHeaderCellDef scope="col">
              <span class="cdk-visually-hidden">Actions</span>
            </th>
            <td mat-cell *matCellDef="let t">
              <button
                mat-stroked-button
                type="button"
                [disabled]="decision.busy()"
                (click)="retry(t)"
                [attr.aria-label]="
                  'Retry the transfer to ' + t.seller.name + ' of ' + money(t.amount, t.currency)
                "
              >
                Retry
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
    </ap-list-states>
  `,
  styles: `
    .kpis {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
      gap: 12px;
      margin: 16px 0;
    }
    .kpi {
      font: var(--mat-sys-headline-medium);
      margin: 0;
    }
    .num {
      text-align: right;
    }
    /* Narrow screens scroll the table sideways (its region is focusable) rather than wrap ids letter by letter. */
    table {
      min-width: 760px;
    }
  `,
})
export class PayoutsPage {
  private readonly api = inject(Api);
  private readonly decision = viewChild.required(DecisionPanel);
  protected readonly columns = ['seller', 'order', 'amount', 'why', 'since', 'retry'];
  protected readonly kind = signal<Kind>('HELD');
  protected readonly held = signal<HeldFunds[]>([]);
  protected readonly list = new PagedList<PayoutIssue>(async (after) => {
    const { payoutIssues } = await this.api.request<{ payoutIssues: RawList<PayoutIssue> }>(ISSUES, {
      kind: this.kind(),
      first: PAGE_SIZE,
      after,
    });
    return pageOf(payoutIssues);
  });
  protected readonly rows = this.list.rows;

  constructor() {
    void this.list.reload();
    void this.loadHeld();
  }

  protected readonly money = formatMoney;

  protected show(kind: Kind): void {
    this.kind.set(kind);
    this.decision().clearOutcome();
    void this.list.reload();
  }

  protected async retry(issue: PayoutIssue): Promise<void> {
    const decision = this.decision();
    const reason = decision.reasonFor();
    if (reason === false) return;
    await decision.run(async () => {
      const { retryTransfer } = await this.api.request<{ retryTransfer: { status: string } }>(RETRY, {
        id: issue.id,
        reason,
      });
      await Promise.all([this.list.reload(), this.loadHeld()]);
      const amount = this.money(issue.amount, issue.currency);
      return retryTransfer.status === 'created'
        ? `Transferred ${amount} to ${issue.seller.name}.`
        : `Still ${retryTransfer.status === 'held' ? 'held' : 'not accepted by the provider'}: ${amount} to ${issue.seller.name}.`;
    });
  }

  private async loadHeld(): Promise<void> {
    try {
      const { heldFunds } = await this.api.request<{ heldFunds: HeldFunds[] }>(HELD);
      this.held.set(heldFunds);
    } catch (error) {
      this.list.error.set(messageOf(error));
    }
  }
}
