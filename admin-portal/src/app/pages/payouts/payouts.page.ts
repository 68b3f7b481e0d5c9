import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
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
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
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
    <mat-form-field class="reason">
      <mat-label>Reason for a retry (audit log)</mat-label>
      <input matInput [formControl]="reason" data-testid="retry-reason" />
    </mat-form-field>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading transfers" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (done(); as message) {
      <p role="status" data-testid="retry-done">{{ message }}</p>
    }
    @if (retryError(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (!loading() && !error() && rows().length === 0) {
      <p class="notice" data-testid="no-issues">No {{ kind() === 'HELD' ? 'held' : 'failed' }} transfers.</p>
    }
    @if (rows().length) {
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
                [disabled]="busy()"
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
      <div class="actions">
        @if (hasNextPage()) {
          <button mat-stroked-button type="button" (click)="more()" data-testid="more">Show more</button>
        }
      </div>
    }
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
    .reason {
      display: block;
      max-width: 480px;
      margin-top: 12px;
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
  protected readonly columns = ['seller', 'order', 'amount', 'why', 'since', 'retry'];
  protected readonly kind = signal<Kind>('HELD');
  protected readonly held = signal<HeldFunds[]>([]);
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly retryError = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: Validators.maxLength(1000),
  });
  protected readonly list = new PagedList<PayoutIssue>(async (after) => {
    const { payoutIssues } = await this.api.request<{ payoutIssues: RawList<PayoutIssue> }>(ISSUES, {
      kind: this.kind(),
      first: PAGE_SIZE,
      after,
    });
    return pageOf(payoutIssues);
  });
  protected readonly rows = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly hasNextPage = this.list.hasNextPage;

  constructor() {
    void this.list.reload();
    void this.loadHeld();
  }

  protected readonly money = formatMoney;

  protected show(kind: Kind): void {
    this.kind.set(kind);
    this.done.set(null);
    void this.list.reload();
  }

  protected more(): void {
    void this.list.more();
  }

  protected async retry(issue: PayoutIssue): Promise<void> {
    this.busy.set(true);
    this.done.set(null);
    this.retryError.set(null);
    try {
      const { retryTransfer } = await this.api.request<{ retryTransfer: { status: string } }>(RETRY, {
        id: issue.id,
        reason: this.reason.value.trim() || null,
      });
      const amount = this.money(issue.amount, issue.currency);
      this.done.set(
        retryTransfer.status === 'created'
          ? `Transferred ${amount} to ${issue.seller.name}.`
          : `Still ${retryTransfer.status === 'held' ? 'held' : 'not accepted by the provider'}: ${amount} to ${issue.seller.name}.`,
      );
      await Promise.all([this.list.reload(), this.loadHeld()]);
    } catch (error) {
      this.retryError.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
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
