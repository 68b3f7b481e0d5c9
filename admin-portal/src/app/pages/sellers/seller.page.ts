import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import { ProductModeration } from '../moderation/product-moderation';
import { SellerCommission } from './seller-commission';
import { SellerLedger } from './seller-ledger';
import { SellerMoney } from './seller-money';
import { SellerStaff } from './seller-staff';
import { SellerOffboarding } from './seller-offboarding';
import { SuspensionEffects } from './suspension-effects';
import { loadPayoutAccounts, PayoutState, type SellerPayoutAccount } from './payout-account';
import { SELLER_FIELDS, STATUS_LABEL, type SellerAccount } from './sellers.models';

const SELLER = `query Seller($id: ID!) { tenantAccount(id: $id) { ${SELLER_FIELDS} } }`;
const ACTIONS = {
  approve: 'mutation Approve($id: ID!, $reason: String) { approveTenant(id: $id, reason: $reason) { id } }',
  reject: 'mutation Reject($id: ID!, $reason: String!) { rejectTenant(id: $id, reason: $reason) { id } }',
  suspend: 'mutation Suspend($id: ID!, $reason: String!) { suspendTenant(id: $id, reason: $reason) { id } }',
  reactivate:
    'mutation Reactivate($id: ID!, $reason: String) { reactivateTenant(id: $id, reason: $reason) { id } }',
};
type SellerAction = keyof typeof ACTIONS;
const DONE: Record<SellerAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
  reactivate: 'reactivated',
};

/** One seller: account, the status actions with their reason, and all its products for moderation. */
@Component({
  selector: 'ap-seller-page',
  imports: [
    DatePipe,
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    SellerMoney,
    SellerLedger,
    SellerStaff,
    SellerOffboarding,
    PayoutState,
    ProductModeration,
    SellerCommission,
    SuspensionEffects,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/sellers">← All sellers</a></p>
    @if (seller(); as s) {
      <h1>{{ s.name }}</h1>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class="status" data-testid="seller-status">{{ statusLabel[s.status] }}</span>
        </dd>
        <dt>Payout account (KYC)</dt>
        <dd data-testid="seller-kyc">
          @if (payoutError(); as message) {
            <span class="error">unknown: {{ message }}</span>
          } @else {
            <ap-payout-state [account]="payout()" />
            @if (payout()?.updatedAt; as at) {
              <span> (as of {{ at | date: 'medium' }})</span>
            }
          }
        </dd>
        <dt>Store address</dt>
        <dd>{{ s.alias }}</dd>
        <dt>Contact</dt>
        <dd>{{ s.contactEmail }}</dd>
        <dt>Commission</dt>
        <dd>{{ s.commissionBps / 100 }} %</dd>
        <dt>Signed up</dt>
        <dd>{{ s.createdAt | date: 'medium' }}</dd>
        @if (s.suspensionReason) {
          <dt>Suspended because</dt>
          <dd data-testid="suspension-reason">{{ s.suspensionReason }}</dd>
        }
        @if (s.rejectionReason) {
          <dt>Rejected because</dt>
          <dd data-testid="rejection-reason">{{ s.rejectionReason }}</dd>
        }
      </dl>
      @if (s.status === 'SUSPENDED') {
        <ap-suspension-effects [sellerId]="s.id" />
      }
      @if (s.status === 'REJECTED') {
        <p class="notice" role="status">
          The application was rejected (final): the seller sees the reason, cannot add products, invite staff
          or use the API, and receives no payouts.
        </p>
      }

      @if (!deleted() && s.status !== 'REJECTED') {
        <ap-seller-commission [sellerId]="s.id" [commissionBps]="s.commissionBps" (changed)="reload()" />
      }

      <ap-seller-money [sellerId]="s.id" />
      <ap-seller-ledger [sellerId]="s.id" />
      <ap-seller-staff [sellerId]="s.id" />

      @if (deleted()) {
        <p class="notice" role="status" data-testid="seller-deleted">
          This seller was deleted (see Offboarding below): there is nothing left to approve, suspend or
          reactivate.
        </p>
      } @else {
        <h2>Decision</h2>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Reason</mat-label>
          <textarea
            matInput
            [formControl]="reason"
            rows="2"
            data-testid="reason"
            aria-describedby="reason-hint"
          ></textarea>
          <mat-hint id="reason-hint"
            >Recorded in the audit log; required to reject or suspend (a rejection's reason is shown to the
            seller).</mat-hint
          >
          @if (reason.invalid) {
            <mat-error>{{ reasonError() }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          @if (s.status === 'PENDING') {
            <button mat-flat-button type="button" (click)="act('approve')" data-testid="approve">
              Approve
            </button>
            <button mat-stroked-button type="button" (click)="act('reject')" data-testid="reject">
              Reject
            </button>
          }
          @if (s.status === 'ACTIVE') {
            <button mat-flat-button type="button" (click)="act('suspend')" data-testid="suspend">
              Suspend
            </button>
          }
          @if (s.status === 'SUSPENDED') {
            <button mat-flat-button type="button" (click)="act('reactivate')" data-testid="reactivate">
              Reactivate
            </button>
          }
          <a mat-button [routerLink]="['/audit']" [queryParams]="{ tenantId: s.id }"
            >Audit log of this seller</a
          >
        </div>
        @if (done(); as message) {
          <p class="notice" role="status" data-testid="done">{{ message }}</p>
        }
      }

      <h2>Products</h2>
      <p class="notice">
        Every product of this seller in any status, removed ones and (while suspended) hidden ones included.
      </p>
      <ap-product-moderation [sellerId]="s.id" label="Products of this seller" />

      <ap-seller-offboarding
        [sellerId]="s.id"
        [sellerAlias]="s.alias"
        [status]="s.status"
        (deleted)="deleted.set(true)"
      />
    } @else if (!error()) {
      <h1>Seller</h1>
      <mat-progress-bar mode="indeterminate" aria-label="Loading the seller" />
    }
    @if (error(); as message) {
      @if (!seller()) {
        <h1>Seller</h1>
      }
      <p class="error" role="alert" data-testid="error">{{ message }}</p>
    }
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 16px;
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class SellerPage {
  readonly id = input.required<string>();
  private readonly api = inject(Api);
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly seller = signal<SellerAccount | null>(null);
  protected readonly payout = signal<SellerPayoutAccount | null>(null);
  /** The seller's deletion completed (offboarding said so): its data is gone, no status action applies. */
  protected readonly deleted = signal(false);
  protected readonly payoutError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(1000)],
  });

  constructor() {
    effect(() => void this.load(this.id()));
  }

  protected reload(): void {
    void this.load(this.id());
  }

  protected reasonError(): string {
    return fieldError(this.reason, 'Reason');
  }

  protected async act(action: SellerAction): Promise<void> {
    if ((action === 'suspend' || action === 'reject') && !this.requireReason()) return;
    await this.run(
      ACTIONS[action],
      { id: this.id(), reason: this.reason.value.trim() || null },
      DONE[action],
    );
  }

  /** Shows the message next to the field and moves the focus there. */
  private requireReason(): boolean {
    if (this.reason.value.trim().length >= 3) return true;
    this.reason.setErrors({ message: 'A reason of at least 3 characters is required for this action.' });
    this.reason.markAsTouched();
    document.querySelector<HTMLElement>('[data-testid="reason"]')?.focus();
    return false;
  }

  private async run(mutation: string, variables: Record<string, unknown>, what: string): Promise<void> {
    this.error.set(null);
    this.done.set(null);
    try {
      await this.api.request(mutation, variables);
      this.done.set(`Done: ${what}.`);
      this.reason.reset();
      await this.load(this.id());
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }

  private async load(id: string): Promise<void> {
    try {
      const { tenantAccount } = await this.api.request<{ tenantAccount: SellerAccount }>(SELLER, { id });
      this.seller.set(tenantAccount);
    } catch (error) {
      this.error.set(messageOf(error));
    }
    try {
      this.payout.set((await loadPayoutAccounts(this.api, [id])).get(id) ?? null);
      this.payoutError.set(null);
    } catch (error) {
      this.payoutError.set(messageOf(error));
    }
  }
}
