import { DatePipe, formatDate } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';
import { type MoneyColumn, MoneyTable } from '../../shared/money-table';

interface OrderTransfer {
  id: string;
  sellerId: string;
  sellerOrderId: string;
  subtotal: number;
  commission: number;
  amount: number;
  currency: string;
  status: string;
  providerTransferId: string | null;
  lastError: string | null;
  reversedAmount: number;
  reversalStatus: string;
}

interface OrderDispute {
  id: string;
  providerDisputeId: string;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  createdAt: string;
  allocations: {
    tenantId: string;
    sellerOrderId: string;
    amount: number;
    mode: string;
    status: string;
  }[];
}

interface OrderPaymentView {
  provider: string;
  intentId: string;
  status: string;
  amount: number;
  currency: string;
  refunded: number;
  failureReason: string | null;
  transfers: OrderTransfer[];
  refunds: {
    id: string;
    sellerOrderId: string | null;
    amount: number;
    currency: string;
    status: string;
    failureReason: string | null;
    createdAt: string;
  }[];
  disputes: OrderDispute[];
}

const PAYMENT = `query OrderPayment($id: ID!) {
  orderPayment(buyerOrderId: $id) {
    provider intentId status amount currency refunded failureReason
    transfers { id sellerId sellerOrderId subtotal commission amount currency status providerTransferId lastError
      reversedAmount reversalStatus }
    refunds { id sellerOrderId amount currency status failureReason createdAt }
    disputes { id providerDisputeId amount currency reason status createdAt
      allocations { tenantId sellerOrderId amount mode status } }
  }
}`;

/** A provider's dispute reason in words: `product_not_received` → "Product not received". */
export function disputeReasonLabel(reason: string): string {
  const words = reason.replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Not given';
}

const DISPUTE_STATE: Record<string, string> = {
  open: "the sellers' shares are taken back until the provider decides",
  won: "the platform won: the sellers' shares were paid again",
  lost: "the buyer won: the sellers' shares stay taken",
};

/** The money of one order (payments service): the payment, each seller's transfer, refunds and disputes. */
@Component({
  selector: 'ap-order-payment',
  imports: [DatePipe, MatProgressBarModule, MoneyTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="payment-caption" data-testid="order-payment">
      <h2 id="payment-caption">Payment</h2>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      } @else if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the payment" />
      } @else if (payment(); as p) {
        <dl class="facts">
          <dt>Provider</dt>
          <dd data-testid="payment-provider">
            {{ p.provider }} · <code>{{ p.intentId }}</code>
          </dd>
          <dt>State</dt>
          <dd>
            <span class="status" data-testid="payment-status">{{ p.status }}</span>
            {{ p.failureReason ?? '' }}
          </dd>
          <dt>Charged</dt>
          <dd>{{ money(p.amount, p.currency) }}</dd>
          <dt>Refunded</dt>
          <dd data-testid="payment-refunded">{{ money(p.refunded, p.currency) }}</dd>
        </dl>

        <h3>Transfers to sellers</h3>
        @if (p.transfers.length === 0) {
          <p class="notice">No transfers yet: the order has not settled.</p>
        } @else {
          <ap-money-table
            [rows]="p.transfers"
            [columns]="transferColumns()"
            label="Transfers to sellers"
            rowTestId="transfer-row"
          />
        }

        <h3>Refunds</h3>
        @if (p.refunds.length === 0) {
          <p class="notice" data-testid="no-refunds">No refunds.</p>
        } @else {
          <ul class="plain">
            @for (r of p.refunds; track r.id) {
              <li data-testid="payment-refund">
                {{ r.createdAt | date: 'yyyy-MM-dd HH:mm' : 'UTC' }} UTC · {{ money(r.amount, r.currency) }} ·
                <span class="status">{{ r.status }}</span>
                {{ r.failureReason ?? '' }}
              </li>
            }
          </ul>
        }

        <h3>Disputes</h3>
        @if (p.disputes.length === 0) {
          <p class="notice" data-testid="no-disputes">No disputes.</p>
        } @else {
          <ap-money-table
            [rows]="p.disputes"
            [columns]="disputeColumns()"
            label="Disputes (chargebacks)"
            rowTestId="payment-dispute"
          />
        }
      } @else {
        <p class="notice" data-testid="no-payment">No payment was created for this order.</p>
      }
    </section>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 8px;
    }
    .plain {
      padding-left: 20px;
    }
  `,
})
export class OrderPayment {
  readonly buyerOrderId = input.required<string>();
  /** Seller names by id, as the order page knows them; ids are shown otherwise. */
  readonly nameOf = input<(sellerId: string) => string>((sellerId) => sellerId);
  /** Bumped by the order page after a refund, to read the money again. */
  readonly version = input(0);
  private readonly api = inject(Api);
  protected readonly transferColumns = computed((): MoneyColumn<OrderTransfer>[] => {
    const nameOf = this.nameOf();
    return [
      { id: 'seller', header: 'Seller', text: (t) => nameOf(t.sellerId) },
      { id: 'subtotal', header: 'Subtotal', text: (t) => formatMoney(t.subtotal, t.currency) },
      { id: 'commission', header: 'Commission', text: (t) => formatMoney(t.commission, t.currency) },
      { id: 'share', header: 'Seller share', text: (t) => formatMoney(t.amount, t.currency) },
      {
        id: 'state',
        header: 'Transfer',
        status: (t) => t.status,
        text: (t) => t.lastError ?? '',
        testId: 'transfer-status',
      },
      {
        id: 'reversed',
        header: 'Taken back',
        text: (t) =>
          formatMoney(t.reversedAmount, t.currency) +
          (t.reversalStatus === 'none' ? '' : ` (${t.reversalStatus})`),
      },
    ];
  });
  protected readonly disputeColumns = computed((): MoneyColumn<OrderDispute>[] => {
    const nameOf = this.nameOf();
    return [
      {
        id: 'opened',
        header: 'Opened',
        text: (d) => `${formatDate(d.createdAt, 'yyyy-MM-dd HH:mm', 'en-US', 'UTC')} UTC`,
      },
      { id: 'amount', header: 'Disputed', text: (d) => formatMoney(d.amount, d.currency) },
      { id: 'reason', header: 'Reason', text: (d) => disputeReasonLabel(d.reason), testId: 'dispute-reason' },
      {
        id: 'state',
        header: 'State',
        status: (d) => d.status,
        text: (d) => DISPUTE_STATE[d.status] ?? '',
        testId: 'dispute-status',
      },
      {
        id: 'shares',
        header: 'Taken from sellers',
        text: (d) =>
          d.allocations.length
            ? d.allocations
                .map(
                  (a) =>
                    `${nameOf(a.tenantId)}: ${formatMoney(a.amount, d.currency)} ` +
                    `(${a.mode === 'reversal' ? 'transfer reversed' : 'kept from its transfer'}, ${a.status})`,
                )
                .join('; ')
            : 'nothing (no seller share to take)',
        testId: 'dispute-shares',
      },
      { id: 'provider', header: 'Provider id', text: (d) => d.providerDisputeId },
    ];
  });
  protected readonly payment = signal<OrderPaymentView | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly money = formatMoney;

  constructor() {
    effect(() => {
      this.version();
      void this.load(this.buyerOrderId());
    });
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const { orderPayment } = await this.api.request<{ orderPayment: OrderPaymentView | null }>(PAYMENT, {
        id,
      });
      this.payment.set(orderPayment);
    } catch (error) {
      this.error.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
