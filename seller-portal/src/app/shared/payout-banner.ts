import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { Api } from '@marketplace/web-portal';
import { sessionFeature } from '../session/session.store';
import {
  PAYOUT_ACCOUNT_FIELDS,
  payoutStage,
  requirementLabel,
  type PayoutAccountState,
} from './payout-account';

const PAYOUT_STATE = `query PayoutState { payoutAccount { ${PAYOUT_ACCOUNT_FIELDS} } }`;

/** Until the owner's payout account can receive transfers, says so on every page (staff never see payouts). */
@Component({
  selector: 'sp-payout-banner',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as text) {
      <div class="banner" role="status" data-testid="payout-banner">
        <p>{{ text }} <a routerLink="/payouts">Set up payouts</a></p>
        @if (due().length > 0) {
          <ul aria-label="Requirements due" data-testid="banner-requirements">
            @for (requirement of due(); track requirement) {
              <li>{{ requirement }}</li>
            }
          </ul>
        }
      </div>
    }
  `,
  styles: `
    .banner {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      border-radius: 8px;
      padding: 12px 16px;
      margin: 0 0 16px;
    }
    .banner p,
    .banner ul {
      margin: 0;
    }
    .banner ul {
      margin-top: 4px;
      padding-left: 20px;
    }
  `,
})
export class PayoutBanner {
  private readonly api = inject(Api);
  private readonly store = inject(Store);
  protected readonly message = signal('');
  protected readonly due = signal<string[]>([]);

  constructor() {
    const owner = this.store.selectSignal(sessionFeature.selectIsOwner);
    const tenant = this.store.selectSignal(sessionFeature.selectTenant);
    effect(() => {
      if (owner() && tenant()?.status === 'ACTIVE') void this.check();
      else {
        this.message.set('');
        this.due.set([]);
      }
    });
  }

  private async check(): Promise<void> {
    try {
      const { payoutAccount } = await this.api.request<{ payoutAccount: PayoutAccountState | null }>(
        PAYOUT_STATE,
      );
      const stage = payoutStage(payoutAccount);
      this.due.set(stage === 'requirements-due' ? payoutAccount!.requirementsDue.map(requirementLabel) : []);
      this.message.set(
        stage === 'no-account'
          ? 'You cannot be paid yet: no payout account.'
          : stage === 'requirements-due'
            ? 'Requirements due: your payout account needs these details before it can receive transfers.'
            : stage === 'in-review'
              ? 'Your payout account is being verified; transfers are held until it is.'
              : '',
      );
    } catch {
      // The payouts page shows the error itself; the banner stays quiet rather than alarm on every page.
      this.message.set('');
      this.due.set([]);
    }
  }
}
