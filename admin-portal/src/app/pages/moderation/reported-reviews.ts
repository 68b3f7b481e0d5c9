import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  Api,
  fieldError,
  listSelection,
  messageOf,
  PagedList,
  pageOf,
  type RawList,
} from '@marketplace/web-portal';

interface ReportedReview {
  id: string;
  productId: string;
  sellerId: string;
  seller: { name: string | null } | null;
  rating: number;
  title: string;
  text: string;
  createdAt: string;
  reportCount: number;
  reportReasons: string[];
}

const REVIEWS = `query ReportedReviews($first: Int, $after: String) {
  reportedReviews(first: $first, after: $after) {
    ${listSelection('id productId sellerId seller { name } rating title text createdAt reportCount reportReasons')}
  }
}`;
const REMOVE = `mutation RemoveReview($id: ID!, $policy: ReviewRemovalPolicy!, $reason: String!) {
  removeReview(id: $id, policy: $policy, reason: $reason) { id status }
}`;
const DISMISS = `mutation DismissReports($id: ID!, $note: String) { dismissReviewReports(id: $id, note: $note) { id } }`;
const PAGE_SIZE = 20;

/** The only grounds a review is removed on (reviews service, ADR 0025); a low rating is never one. */
export const REMOVAL_POLICIES = [
  { value: 'CONFIDENTIAL_INFORMATION', label: 'Confidential information' },
  { value: 'PERSONAL_DATA', label: 'Personal data' },
  { value: 'ABUSIVE_OR_OBSCENE', label: 'Abusive or obscene' },
  { value: 'DISCRIMINATORY', label: 'Discriminatory' },
  { value: 'UNRELATED_TO_PRODUCT', label: 'Unrelated to the product' },
  { value: 'FALSE_OR_MISLEADING', label: 'False or misleading' },
] as const;

/** Reviews buyers reported, newest first (server-side pages): remove under a policy with a reason, or dismiss. */
@Component({
  selector: 'ap-reported-reviews',
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
    <p class="notice">
      A review stays visible until decided. Remove it only under one of the policies (never for a low rating);
      the author sees the policy and the reason. Dismiss clears the reports of a review that breaks none.
    </p>
    <div class="decision">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Policy</mat-label>
        <mat-select #policySelect [formControl]="policy" data-testid="review-policy">
          @for (p of policies; track p.value) {
            <mat-option [value]="p.value">{{ p.label }}</mat-option>
          }
        </mat-select>
        <mat-hint>Required to remove.</mat-hint>
        @if (policy.invalid) {
          <mat-error>{{ policyError() }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic" class="wide">
        <mat-label>Reason</mat-label>
        <textarea
          #reasonInput
          matInput
          rows="2"
          [formControl]="reason"
          data-testid="review-reason"
          aria-describedby="review-reason-hint"
        ></textarea>
        <mat-hint id="review-reason-hint"
          >Required to remove (3–1000 characters); optional note to dismiss. Recorded in the audit
          log.</mat-hint
        >
        @if (reason.invalid) {
          <mat-error>{{ reasonError() }}</mat-error>
        }
      </mat-form-field>
    </div>
    @if (done(); as message) {
      <p class="notice" role="status" data-testid="review-done">{{ message }}</p>
    }
    @if (actionError(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading reported reviews" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
      <button mat-stroked-button type="button" (click)="reload()">Try again</button>
    }
    @if (!loading() && !error() && rows().length === 0) {
      <p class="notice" data-testid="no-reported-reviews">No reported reviews wait for a decision.</p>
    }
    @if (rows().length) {
      <table mat-table class="stacked" [dataSource]="rows()" aria-label="Reported reviews">
        <ng-container matColumnDef="review">
          <th mat-header-cell *matHeaderCellDef scope="col">Review</th>
          <td mat-cell *matCellDef="let r" data-label="Review">
            <div>
              <strong>{{ r.rating }}/5 · {{ r.title }}</strong>
              <span class="text">{{ r.text }}</span>
              <span class="muted">{{ r.createdAt | date: 'medium' }}</span>
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="seller">
          <th mat-header-cell *matHeaderCellDef scope="col">Seller</th>
          <td mat-cell *matCellDef="let r" data-label="Seller">
            <div>
              <a [routerLink]="['/sellers', r.sellerId]">{{ r.seller?.name ?? r.sellerId }}</a>
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="reports">
          <th mat-header-cell *matHeaderCellDef scope="col">Reports</th>
          <td mat-cell *matCellDef="let r" data-label="Reports">
            <div>
              <span data-testid="report-count">{{ r.reportCount }}</span>
              <ul class="reasons">
                @for (why of r.reportReasons; track $index) {
                  <li>{{ why }}</li>
                }
              </ul>
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef scope="col">Decide</th>
          <td mat-cell *matCellDef="let r" data-label="Decide">
            <div class="row-actions">
              <button
                mat-stroked-button
                type="button"
                [disabled]="busy()"
                (click)="remove(r)"
                [attr.aria-label]="'Remove the review ' + r.title"
              >
                Remove
              </button>
              <button
                mat-stroked-button
                type="button"
                [disabled]="busy()"
                (click)="dismiss(r)"
                [attr.aria-label]="'Dismiss the reports of ' + r.title"
              >
                Dismiss
              </button>
            </div>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" data-testid="reported-review"></tr>
      </table>
      @if (hasNextPage()) {
        <div class="actions">
          <button mat-stroked-button type="button" (click)="more()">Show more</button>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .decision {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin: 12px 0;
    }
    .decision mat-form-field {
      flex: 0 1 280px;
    }
    .decision .wide {
      flex: 1 1 280px;
      max-width: 560px;
    }
    .text {
      display: block;
      overflow-wrap: anywhere;
    }
    .muted {
      display: block;
      color: var(--mat-sys-on-surface-variant);
    }
    .reasons {
      margin: 4px 0 0;
      padding-left: 18px;
      overflow-wrap: anywhere;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      padding: 4px 0;
    }
  `,
})
export class ReportedReviews {
  private readonly api = inject(Api);
  private readonly reasonInput = viewChild<ElementRef<HTMLTextAreaElement>>('reasonInput');
  private readonly policySelect = viewChild<MatSelect>('policySelect');
  protected readonly policies = REMOVAL_POLICIES;
  protected readonly columns = ['review', 'seller', 'reports', 'actions'];
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly policy = new FormControl<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(1000)],
  });
  protected readonly list = new PagedList<ReportedReview>(async (after) => {
    const { reportedReviews } = await this.api.request<{ reportedReviews: RawList<ReportedReview> }>(
      REVIEWS,
      {
        first: PAGE_SIZE,
        after,
      },
    );
    return pageOf(reportedReviews);
  });
  protected readonly rows = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly hasNextPage = this.list.hasNextPage;

  constructor() {
    void this.list.reload();
  }

  protected policyError(): string {
    return fieldError(this.policy, 'Policy');
  }

  protected reasonError(): string {
    return fieldError(this.reason, 'Reason');
  }

  protected reload(): void {
    void this.list.reload();
  }

  protected more(): void {
    void this.list.more();
  }

  protected async remove(review: ReportedReview): Promise<void> {
    const why = this.reason.value.trim();
    let focus: (() => void) | null = null;
    if (why.length < 3) {
      this.reason.setErrors({ message: 'A reason of at least 3 characters is required to remove a review.' });
      this.reason.markAsTouched();
      focus = () => this.reasonInput()?.nativeElement.focus();
    }
    if (!this.policy.value) {
      this.policy.setErrors({ message: 'Choose the policy the review breaks.' });
      this.policy.markAsTouched();
      focus = () => this.policySelect()?.focus();
    }
    if (focus) {
      focus();
      return;
    }
    await this.run(
      REMOVE,
      { id: review.id, policy: this.policy.value, reason: why },
      `Removed the review “${review.title}”.`,
    );
  }

  protected async dismiss(review: ReportedReview): Promise<void> {
    if (this.reason.invalid) return;
    await this.run(
      DISMISS,
      { id: review.id, note: this.reason.value.trim() || null },
      `Dismissed the reports of “${review.title}”.`,
    );
  }

  private async run(mutation: string, variables: Record<string, unknown>, what: string): Promise<void> {
    this.busy.set(true);
    this.done.set(null);
    this.actionError.set(null);
    try {
      await this.api.request(mutation, variables);
      this.done.set(what);
      this.reason.reset();
      this.policy.reset();
      await this.list.reload();
    } catch (error) {
      this.actionError.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
