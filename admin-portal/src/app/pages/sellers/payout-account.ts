import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Api } from '@marketplace/web-portal';

export type PayoutAccountState = 'NO_ACCOUNT' | 'REQUIREMENTS_DUE' | 'IN_REVIEW' | 'TRANSFERS_ENABLED';

/** A seller's payout account (Stripe Connect, KYC) as the payments service last heard of it. */
export interface SellerPayoutAccount {
  sellerId: string;
  state: PayoutAccountState;
  requirementsDue: string[];
  updatedAt: string | null;
}

const PAYOUT_ACCOUNTS = `query SellerPayoutAccounts($ids: [ID!]!) {
  sellerPayoutAccounts(sellerIds: $ids) { sellerId state requirementsDue updatedAt }
}`;

/** The payout accounts of a page of sellers, in one (audited) request; empty for no sellers. */
export async function loadPayoutAccounts(
  api: Api,
  sellerIds: string[],
): Promise<Map<string, SellerPayoutAccount>> {
  if (sellerIds.length === 0) return new Map();
  const { sellerPayoutAccounts } = await api.request<{ sellerPayoutAccounts: SellerPayoutAccount[] }>(
    PAYOUT_ACCOUNTS,
    { ids: sellerIds },
  );
  return new Map(sellerPayoutAccounts.map((account) => [account.sellerId, account]));
}

/** Stripe's requirement names (`individual.verification.document`) as words an admin reads. */
export function requirementLabel(name: string): string {
  return name.replace(/[._]+/g, ' ');
}

/** The state in words: what an admin tells an applicant (the chip's colour only repeats it). */
export function payoutStateLabel(account: Pick<SellerPayoutAccount, 'state' | 'requirementsDue'>): string {
  switch (account.state) {
    case 'NO_ACCOUNT':
      return 'No payout account yet';
    case 'REQUIREMENTS_DUE': {
      const count = account.requirementsDue.length;
      return `${count} requirement${count === 1 ? '' : 's'} due`;
    }
    case 'IN_REVIEW':
      return 'Nothing due, in review';
    case 'TRANSFERS_ENABLED':
      return 'Transfers enabled';
  }
}

/** The payout account (KYC) state as a chip with the requirements still due listed beside it. */
@Component({
  selector: 'ap-payout-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (account(); as a) {
      <span class="status" [class]="'status kyc-' + a.state.toLowerCase()" data-testid="kyc-state">{{
        label()
      }}</span>
      @if (a.requirementsDue.length) {
        <span class="due" data-testid="kyc-due">: {{ due() }}</span>
      }
    } @else {
      <span class="unknown">unknown</span>
    }
  `,
  styles: `
    .kyc-transfers_enabled {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .kyc-requirements_due {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .due {
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
  `,
})
export class PayoutState {
  /** Null while unknown (not loaded, or the payments service did not answer). */
  readonly account = input.required<SellerPayoutAccount | null>();
  protected readonly label = computed(() => {
    const account = this.account();
    return account ? payoutStateLabel(account) : '';
  });
  protected readonly due = computed(() =>
    (this.account()?.requirementsDue ?? []).map(requirementLabel).join(', '),
  );
}
