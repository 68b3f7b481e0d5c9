import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  Api,
  fieldError,
  formatMoney,
  listSelection,
  messageOf,
  PagedList,
  pageOf,
  type RawList,
  toMinor,
} from '@marketplace/web-portal';
import { statusLabel } from '../orders/orders.models';
import {
  REFUND_REQUEST_FIELDS,
  REFUND_STATUSES,
  refundAmountValidator,
  type RefundRequest,
} from './refunds.models';

const REQUESTS = `query RefundRequests($after: String, $status: String) {
  refundRequests(first: 25, after: $after, status: $status) { ${listSelection(REFUND_REQUEST_FIELDS)} }
}`;
const ACCEPT = `mutation Accept($id: ID!, $amount: Int, $note: String) {
  acceptRefundRequest(id: $id, amount: $amount, note: $note) { ${REFUND_REQUEST_FIELDS} }
}`;
const DECLINE = `mutation Decline($id: ID!, $reason: String!) {
  declineRefundRequest(id: $id, reason: $reason) { ${REFUND_REQUEST_FIELDS} }
}`;

/** Returns and refund requests on this seller's orders (ADR 0017): accept all or part, or decline with a reason. */
@Component({
  selector: 'sp-refunds-page',
  imports: [
    DatePipe,
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    MatTableModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Returns and refunds</h1>
    <p>
      Buyers ask to send items back or for money back; you decide. Refunds go back to the buyer's payment.
    </p>
    <div class="actions">
      <mat-form-field subscriptSizing="dynamic" class="status">
        <mat-label>Status</mat-label>
        <mat-select
          [value]="status() ?? 'requested'"
          (valueChange)="filter($event)"
          data-testid="refund-status-filter"
        >
          <mat-option value="any">Any status</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ label(s) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>
    @if (list.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading refund requests" />
    }
    @if (list.error(); as message) {
      <p class="error" role="alert">
        The requests could not be loaded: {{ message }}
        <button mat-button type="button" (click)="list.reload()">Try again</button>
      </p>
    }
    @if (!list.loading() && !list.error() && list.rows().length === 0) {
      <p class="notice" role="status" data-testid="refunds-empty">
        {{
          (status() ?? 'requested') === 'requested' ? 'No requests waiting for you.' : 'No requests match.'
        }}
      </p>
    }
    @if (list.rows().length) {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Refund requests, scrollable">
        <table mat-table [dataSource]="list.rows()" aria-label="Refund requests">
          <ng-container matColumnDef="date">
            <th mat-header-cell *matHeaderCellDef scope="col">Asked</th>
            <td mat-cell *matCellDef="let r">{{ r.createdAt | date: 'medium' }}</td>
          </ng-container>
          <ng-container matColumnDef="order">
            <th mat-header-cell *matHeaderCellDef scope="col">Order</th>
            <td mat-cell *matCellDef="let r">
              <a [routerLink]="['/orders', r.sellerOrderId]">{{ r.sellerOrderId.slice(-8) }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="items">
            <th mat-header-cell *matHeaderCellDef scope="col">Items</th>
            <td mat-cell *matCellDef="let r">{{ items(r) }}</td>
          </ng-container>
          <ng-container matColumnDef="amount">
            <th mat-header-cell *matHeaderCellDef scope="col">Asked for</th>
            <td mat-cell *matCellDef="let r">{{ money(r.requestedAmount, r.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="reason">
            <th mat-header-cell *matHeaderCellDef scope="col">Buyer's reason</th>
            <td mat-cell *matCellDef="let r" class="reason">{{ r.reason }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
            <td mat-cell *matCellDef="let r" data-testid="refund-status">
              {{ label(r.status) }}
              @if (r.acceptedAmount !== null) {
                ({{ money(r.acceptedAmount, r.currency) }})
              }
              @if (r.decisionReason) {
                — {{ r.decisionReason }}
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="action">
            <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Action</span></th>
            <td mat-cell *matCellDef="let r">
              @if (r.status === 'requested') {
                <button mat-stroked-button type="button" (click)="review(r)" data-testid="refund-review">
                  Decide<span class="visually-hidden">
                    on the request of {{ r.createdAt | date: 'medium' }}</span
                  >
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" data-testid="refund-row"></tr>
        </table>
      </div>
      @if (list.hasNextPage()) {
        <div class="actions">
          <button mat-stroked-button type="button" (click)="list.more()">Show more</button>
        </div>
      }
    }

    @if (selected(); as r) {
      <form
        [formGroup]="decision"
        (ngSubmit)="decide(r)"
        novalidate
        class="decision"
        aria-labelledby="decide-heading"
      >
        <h2 id="decide-heading" tabindex="-1">
          Request of {{ r.createdAt | date: 'medium' }} · {{ money(r.requestedAmount, r.currency) }}
        </h2>
        <p>{{ items(r) }} — “{{ r.reason }}”</p>
        <mat-radio-group
          formControlName="choice"
          aria-label="Decision"
          class="choices"
          data-testid="refund-choice"
        >
          <mat-radio-button value="full"
            >Refund all {{ money(r.requestedAmount, r.currency) }}</mat-radio-button
          >
          <mat-radio-button value="partial">Refund part of it</mat-radio-button>
          <mat-radio-button value="decline">Decline</mat-radio-button>
        </mat-radio-group>
        @if (decision.controls.choice.value === 'partial') {
          <mat-form-field>
            <mat-label>Amount to refund ({{ r.currency }})</mat-label>
            <input matInput inputmode="decimal" formControlName="amount" data-testid="refund-amount" />
            <mat-error>{{ error('amount', 'Amount') }}</mat-error>
          </mat-form-field>
        }
        <mat-form-field class="wide">
          <mat-label>{{
            decision.controls.choice.value === 'decline' ? 'Reason the buyer sees' : 'Note (optional)'
          }}</mat-label>
          <textarea matInput rows="2" formControlName="reason" data-testid="refund-reason"></textarea>
          <mat-error>{{ error('reason', 'Reason') }}</mat-error>
        </mat-form-field>
        @if (failure(); as message) {
          <p class="error" role="alert" data-testid="refund-error">{{ message }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="refund-submit">
            {{ decision.controls.choice.value === 'decline' ? 'Decline request' : 'Refund now' }}
          </button>
          <button mat-button type="button" (click)="selected.set(null)">Cancel</button>
        </div>
      </form>
    }
    @if (done(); as message) {
      <p class="notice" role="status" data-testid="refund-done">{{ message }}</p>
    }
  `,
  styles: `
    .status {
      width: 220px;
    }
    .reason {
      max-width: 280px;
      overflow-wrap: anywhere;
    }
    .decision {
      max-width: 640px;
      margin-top: 24px;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
  `,
})
export class RefundsPage implements OnInit {
  /** Query parameter `status` (default: requests waiting for a decision). */
  readonly status = input<string>();
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  protected readonly statuses = REFUND_STATUSES;
  protected readonly columns = ['date', 'order', 'items', 'amount', 'reason', 'status', 'action'];
  protected readonly label = statusLabel;
  protected readonly selected = signal<RefundRequest | null>(null);
  protected readonly failure = signal('');
  protected readonly done = signal('');
  protected readonly busy = signal(false);
  protected readonly list = new PagedList<RefundRequest>(async (after) => {
    const wanted = this.status() ?? 'requested';
    const { refundRequests } = await this.api.request<{ refundRequests: RawList<RefundRequest> }>(REQUESTS, {
      after,
      status: wanted === 'any' ? null : wanted,
    });
    return pageOf(refundRequests);
  });
  protected readonly decision = inject(FormBuilder).nonNullable.group({
    choice: ['full' as 'full' | 'partial' | 'decline'],
    amount: ['', [refundAmountValidator(() => this.selected()?.requestedAmount ?? 0)]],
    reason: ['', [Validators.maxLength(1000)]],
  });

  ngOnInit(): void {
    void this.list.reload();
  }

  protected filter(status: string): void {
    void this.router
      .navigate([], { queryParams: { status: status === 'requested' ? null : status } })
      .then(() => this.list.reload());
  }

  protected items(request: RefundRequest): string {
    return request.lines.length
      ? request.lines.map((line) => `${line.quantity} × ${line.sku}`).join(', ')
      : 'An amount';
  }

  protected readonly money = formatMoney;

  protected error(name: 'amount' | 'reason', label: string): string {
    return fieldError(this.decision.controls[name], label);
  }

  protected review(request: RefundRequest): void {
    this.selected.set(request);
    this.failure.set('');
    this.done.set('');
    this.decision.reset({ choice: 'full', amount: '', reason: '' });
    queueMicrotask(() => document.getElementById('decide-heading')?.focus());
  }

  protected async decide(request: RefundRequest): Promise<void> {
    const { choice, amount, reason } = this.decision.controls;
    // The amount is needed for a partial refund, the reason for a decline; neither otherwise.
    amount.setValidators(
      choice.value === 'partial'
        ? [Validators.required, refundAmountValidator(() => request.requestedAmount)]
        : [],
    );
    reason.setValidators(
      choice.value === 'decline'
        ? [Validators.required, Validators.maxLength(1000)]
        : [Validators.maxLength(1000)],
    );
    amount.updateValueAndValidity();
    reason.updateValueAndValidity();
    if (this.decision.invalid) {
      this.decision.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.failure.set('');
    try {
      if (choice.value === 'decline') {
        await this.api.request(DECLINE, { id: request.id, reason: reason.value.trim() });
        this.done.set('Request declined; the buyer sees your reason.');
      } else {
        const minor = choice.value === 'partial' ? toMinor(amount.value) : null;
        await this.api.request(ACCEPT, { id: request.id, amount: minor, note: reason.value.trim() || null });
        this.done.set(
          `Refund of ${this.money(minor ?? request.requestedAmount, request.currency)} started; the buyer is paid back.`,
        );
      }
      this.selected.set(null);
      await this.list.reload();
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
