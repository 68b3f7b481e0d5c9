import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api, fieldError, listSelection, PagedList, pageOf, type RawList } from '@marketplace/web-portal';
import { DecisionPanel } from '../../shared/decision-panel';
import { ListStates } from '../../shared/list-states';

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
    MatSelectModule,
    MatTableModule,
    DecisionPanel,
    ListStates,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="notice">
      A review stays visible until decided. Remove it only under one of the policies (never for a low rating);
      the author sees the policy and the reason. Dismiss clears the reports of a review that breaks none.
    </p>
    <ap-decision-panel
      #decision
      label="Reason"
      hint="Required to remove (3–1000 characters); optional note to dismiss. Recorded in the audit log."
      fieldTestId="review-reason"
      doneTestId="review-done"
    >
      <mat-form-field class="policy" subscriptSizing="dynamic">
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
    </ap-decision-panel>
    <ap-list-states
      [list]="list"
      loadingLabel="Loading reported reviews"
      empty="No reported reviews wait for a decision."
      emptyTestId="no-reported-reviews"
    >
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
                [disabled]="decision.busy()"
                (click)="remove(r)"
                [attr.aria-label]="'Remove the review ' + r.title"
              >
                Remove
              </button>
              <button
                mat-stroked-button
                type="button"
                [disabled]="decision.busy()"
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
    </ap-list-states>
  `,
  styles: `
    :host {
      display: block;
    }
    .policy {
      flex: 0 1 280px;
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
  private readonly decision = viewChild.required(DecisionPanel);
  private readonly policySelect = viewChild.required<MatSelect>('policySelect');
  protected readonly policies = REMOVAL_POLICIES;
  protected readonly columns = ['review', 'seller', 'reports', 'actions'];
  protected readonly policy = new FormControl<string | null>(null);
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

  constructor() {
    void this.list.reload();
  }

  protected policyError(): string {
    return fieldError(this.policy, 'Policy');
  }

  protected async remove(review: ReportedReview): Promise<void> {
    const decision = this.decision();
    const reason = decision.reasonFor('A reason of at least 3 characters is required to remove a review.');
    const policy = this.policy.value;
    if (!policy) {
      this.policy.setErrors({ message: 'Choose the policy the review breaks.' });
      this.policy.markAsTouched();
      // The policy comes first in the panel: the focus goes to it even when the reason is missing too.
      this.policySelect().focus();
    }
    if (reason === false || !policy) return;
    await this.run(REMOVE, { id: review.id, policy, reason }, `Removed the review “${review.title}”.`);
  }

  protected async dismiss(review: ReportedReview): Promise<void> {
    const note = this.decision().reasonFor();
    if (note === false) return;
    await this.run(DISMISS, { id: review.id, note }, `Dismissed the reports of “${review.title}”.`);
  }

  private async run(mutation: string, variables: Record<string, unknown>, what: string): Promise<void> {
    const decided = await this.decision().run(async () => {
      await this.api.request(mutation, variables);
      await this.list.reload();
      return what;
    });
    if (decided) this.policy.reset();
  }
}
