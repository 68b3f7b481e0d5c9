import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';

interface HeldFunds {
  currency: string;
  amount: number;
  transfers: number;
}

interface ProductCounts {
  published: number;
  listed: number;
}

const COUNTS = `query SuspendedProducts($sellerId: ID!) { adminProductCounts(sellerId: $sellerId) { published listed } }`;
const HELD = `query SuspendedHeld($sellerId: ID!) { heldFunds(sellerId: $sellerId) { currency amount transfers } }`;

/**
 * What a suspension does to this seller right now: how many of its products buyers no longer see (published and
 * not removed by moderation — what the buyer search lists while the seller is active; the catalog counts them)
 * and the money held for it (the payments service's held transfers, the same totals as the payouts page's).
 */
@Component({
  selector: 'ap-suspension-effects',
  imports: [RouterLink, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="effects" aria-labelledby="suspension-effects-caption" data-testid="suspension-effects">
      <h2 id="suspension-effects-caption">While suspended</h2>
      <ul>
        <li data-testid="hidden-products">
          @if (productsError(); as message) {
            <span class="error" role="alert">Products hidden from buyers: unknown ({{ message }})</span>
          } @else if (counts(); as c) {
            <strong>{{ c.listed }}</strong>
            published product{{ c.listed === 1 ? '' : 's' }} hidden from buyers (in search and on product
            pages) until the seller is reactivated.
            @if (c.published > c.listed) {
              ({{ c.published - c.listed }} more removed by moderation stay hidden afterwards.)
            }
          } @else {
            <mat-progress-bar mode="indeterminate" aria-label="Counting the products hidden from buyers" />
          }
        </li>
        <li data-testid="held-payouts">
          @if (heldError(); as message) {
            <span class="error" role="alert">Payouts held: unknown ({{ message }})</span>
          } @else if (held(); as list) {
            <strong>{{ heldLabel() }}</strong> held for this seller in {{ heldTransfers() }} transfer{{
              heldTransfers() === 1 ? '' : 's'
            }}; new transfers are held too, and paid once the seller is reactivated (<a routerLink="/payouts"
              >Payouts</a
            >).
          } @else {
            <mat-progress-bar mode="indeterminate" aria-label="Loading the payouts held" />
          }
        </li>
      </ul>
    </section>
  `,
  styles: `
    .effects {
      border-left: 4px solid var(--mat-sys-error);
      padding: 0 0 0 12px;
      margin: 0 0 16px;
    }
    .effects h2 {
      margin-top: 0;
    }
    ul {
      margin: 0;
      padding-left: 20px;
    }
    li {
      margin: 4px 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class SuspensionEffects {
  readonly sellerId = input.required<string>();
  private readonly api = inject(Api);
  protected readonly counts = signal<ProductCounts | null>(null);
  protected readonly held = signal<HeldFunds[] | null>(null);
  protected readonly productsError = signal<string | null>(null);
  protected readonly heldError = signal<string | null>(null);
  protected readonly heldLabel = computed(() => {
    const held = this.held() ?? [];
    return held.length
      ? held.map((h) => formatMoney(h.amount, h.currency)).join(' + ')
      : formatMoney(0, 'EUR');
  });
  protected readonly heldTransfers = computed(() => (this.held() ?? []).reduce((n, h) => n + h.transfers, 0));

  constructor() {
    effect(() => {
      const sellerId = this.sellerId();
      void this.countHidden(sellerId);
      void this.loadHeld(sellerId);
    });
  }

  private async countHidden(sellerId: string): Promise<void> {
    this.productsError.set(null);
    try {
      const { adminProductCounts } = await this.api.request<{ adminProductCounts: ProductCounts }>(COUNTS, {
        sellerId,
      });
      this.counts.set(adminProductCounts);
    } catch (error) {
      this.productsError.set(messageOf(error));
    }
  }

  private async loadHeld(sellerId: string): Promise<void> {
    this.heldError.set(null);
    try {
      const { heldFunds } = await this.api.request<{ heldFunds: HeldFunds[] }>(HELD, { sellerId });
      this.held.set(heldFunds);
    } catch (error) {
      this.heldError.set(messageOf(error));
    }
  }
}
