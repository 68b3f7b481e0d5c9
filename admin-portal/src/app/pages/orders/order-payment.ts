import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';

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
  disputes: {
    id: string;
    amount: number;
    currency: string;
    reason: string;
    status: string;
    createdAt: string;
  }[];
}

const PAYMENT = `query OrderPayment($id: ID!) {
  orderPayment(buyerOrderId: $id) {
    provider intentId status amount currency refunded failureReason
    transfers { id sellerId sellerOrderId subtotal commission amount currency status providerTransferId lastError
      reversedAmount reversalStatus }
    refunds { id sellerOrderId amount currency status failureReason createdAt }
    disputes { id amount currency reason status createdAt }
  }
}`;

/** The money of one order (payments service): the payment, each seller's transfer, refunds and disputes. */
@Component({
  selector: 'ap-order-payment',
  imports: [DatePipe, MatProgressBarModule, MatTableModule],
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
          <table mat-table class="stacked" [dataSource]="p.transfers" aria-label="Transfers to sellers">
            <ng-container matColumnDef="seller">
              <th mat-header-cell *matHeaderCellDef scope="col">Seller</th>
              <td mat-cell data-label="Seller" *matCellDef="let t">{{ nameOf()(t.sellerId) }}</td>
            </ng-container>
            <ng-container matColumnDef="subtotal">
              <th mat-header-cell *matHeaderCellDef scope="col">Subtotal</th>
              <td mat-cell data-label="Subtotal" *matCellDef="let t">{{ money(t.subtotal, t.currency) }}</td>
            </ng-container>
            <ng-container matColumnDef="commission">
              <th mat-header-cell *matHeaderCellDef scope="col">Commission</th>
              <td mat-cell data-label="Commission" *matCellDef="let t">
                {{ money(t.commission, t.currency) }}
              </td>
            </ng-container>
            <ng-container matColumnDef="share">
              <th mat-header-cell *matHeaderCellDef scope="col">Seller share</th>
              <td mat-cell data-label="Seller share" *matCellDef="let t">
                {{ money(t.amount, t.currency) }}
              </td>
            </ng-container>
            <ng-container matColumnDef="state">
              <th mat-header-cell *matHeaderCellDef scope="col">Transfer</th>
              <td mat-cell data-label="Transfer" *matCellDef="let t" data-testid="transfer-status">
                <div>
                  <span class="status">{{ t.status }}</span>
                  {{ t.lastError ?? '' }}
                </div>
              </td>
            </ng-container>
            <ng-container matColumnDef="reversed">
              <th mat-header-cell *matHeaderCellDef scope="col">Taken back</th>
              <td mat-cell data-label="Taken back" *matCellDef="let t">
                <div>
                  {{ money(t.reversedAmount, t.currency) }}
                  @if (t.reversalStatus !== 'none') {
                    ({{ t.reversalStatus }})
                  }
                </div>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="transferColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: transferColumns" data-testid="transfer-row"></tr>
          </table>
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
          <ul class="plain">
            @for (d of p.disputes; track d.id) {
              <li data-testid="payment-dispute">
                {{ d.createdAt | date: 'yyyy-MM-dd' : 'UTC' }} · {{ money(d.amount, d.currency) }} ·
                {{ d.reason }} · <span class="status">{{ d.status }}</span>
              </li>
            }
          </ul>
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
  protected readonly transferColumns = ['seller', 'subtotal', 'commission', 'share', 'state', 'reversed'];
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
