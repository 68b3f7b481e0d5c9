import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { Api } from '@marketplace/web-portal';
import { sessionFeature } from '../session/session.store';

const PAYOUT_STATE = `query PayoutState { payoutAccount { payoutsEnabled detailsSubmitted } }`;

/** Until the owner's payout account can receive transfers, says so on every page (staff never see payouts). */
@Component({
  selector: 'sp-payout-banner',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as text) {
      <p class="banner" role="status" data-testid="payout-banner">
        {{ text }} <a routerLink="/payouts">Set up payouts</a>
      </p>
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
  `,
})
export class PayoutBanner {
  private readonly api = inject(Api);
  private readonly store = inject(Store);
  protected readonly message = signal('');

  constructor() {
    const owner = this.store.selectSignal(sessionFeature.selectIsOwner);
    const tenant = this.store.selectSignal(sessionFeature.selectTenant);
    effect(() => {
      if (owner() && tenant()?.status === 'ACTIVE') void this.check();
      else this.message.set('');
    });
  }

  private async check(): Promise<void> {
    try {
      const { payoutAccount } = await this.api.request<{
        payoutAccount: { payoutsEnabled: boolean; detailsSubmitted: boolean } | null;
      }>(PAYOUT_STATE);
      if (!payoutAccount) this.message.set('You cannot be paid yet: no payout account.');
      else if (!payoutAccount.payoutsEnabled)
        this.message.set(
          payoutAccount.detailsSubmitted
            ? 'Your payout account is being verified; transfers are held until it is.'
            : 'Your payout account still needs details before it can receive transfers.',
        );
      else this.message.set('');
    } catch {
      // The payouts page shows the error itself; the banner stays quiet rather than alarm on every page.
      this.message.set('');
    }
  }
}
