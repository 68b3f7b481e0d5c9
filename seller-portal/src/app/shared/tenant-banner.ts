import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Store } from '@ngrx/store';
import { SessionActions, sessionFeature } from '../session/session.store';

/** Says plainly what the seller may not do: awaiting approval, suspended, rejected, or a failed load. */
@Component({
  selector: 'sp-tenant-banner',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state() === 'error') {
      <div class="banner error" role="alert">
        Your organization could not be loaded: {{ error() }}
        <button mat-button type="button" (click)="retry()">Try again</button>
      </div>
    }
    @if (tenant(); as t) {
      @if (t.status === 'PENDING') {
        <div class="banner pending" role="status" data-testid="pending-approval">
          <strong>{{ t.name }} is awaiting approval.</strong> The marketplace team reviews new sellers before
          their products can be published. You can prepare your catalog meanwhile.
          <button mat-button type="button" (click)="retry()">Check again</button>
        </div>
      } @else if (t.status === 'SUSPENDED') {
        <div class="banner error" role="alert" data-testid="suspended">
          <strong>{{ t.name }} is suspended</strong>: {{ t.suspensionReason ?? 'no reason given' }}. Buyers
          cannot see your products until the marketplace team reactivates it.
        </div>
      } @else if (t.status === 'REJECTED') {
        <div class="banner error" role="alert" data-testid="rejected">
          <strong>The application of {{ t.name }} was rejected</strong>:
          {{ t.rejectionReason ?? 'no reason given' }}. The organization cannot add products, invite staff,
          use the API or receive payouts.
        </div>
      }
    }
  `,
  styles: `
    .banner {
      border-radius: 8px;
      padding: 12px 16px;
      margin-bottom: 16px;
    }
    .pending {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
})
export class TenantBanner {
  private readonly store = inject(Store);
  protected readonly tenant = this.store.selectSignal(sessionFeature.selectTenant);
  protected readonly state = this.store.selectSignal(sessionFeature.selectTenantState);
  protected readonly error = this.store.selectSignal(sessionFeature.selectError);

  protected retry(): void {
    this.store.dispatch(SessionActions.refreshTenant());
  }
}
