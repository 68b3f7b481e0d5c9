import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { statusLabel, type Order } from '../../orders/order.models';
import { SellerLink } from '../../sellers/seller-link';
import { MoneyPipe } from '../../shared/money.pipe';

/** An order with each seller's part: status, tracking and lines. */
@Component({
  selector: 'sf-order-summary',
  imports: [RouterLink, MoneyPipe, DatePipe, SellerLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let o = order();
    <dl class="facts">
      <dt>Order</dt>
      <dd data-testid="order-id">{{ o.id }}</dd>
      <dt>Placed</dt>
      <dd>{{ o.createdAt | date: 'medium' : 'UTC' }} UTC</dd>
      <dt>Status</dt>
      <dd data-testid="order-status">{{ label(o.status) }}</dd>
      <dt>Total</dt>
      <dd data-testid="order-total">{{ o.total | money: o.currency }}</dd>
      <dt>Ships to</dt>
      <dd>
        {{ o.shippingAddress.name }}, {{ o.shippingAddress.line1 }}, {{ o.shippingAddress.postalCode }}
        {{ o.shippingAddress.city }}, {{ o.shippingAddress.country }}
      </dd>
    </dl>
    @if (o.failureReason) {
      <p class="error" role="alert">{{ o.failureReason }}</p>
    }
    @for (seller of o.sellerOrders; track seller.id) {
      <section class="seller-order" data-testid="seller-order" [attr.aria-labelledby]="'so-' + seller.id">
        <h2 [id]="'so-' + seller.id">From <sf-seller-link [sellerId]="seller.tenantId" /></h2>
        <p>
          Status: <strong data-testid="seller-order-status">{{ label(seller.status) }}</strong>
          @if (seller.trackingNumber) {
            · Tracking:
            <span data-testid="tracking">{{ seller.carrier ?? 'carrier' }} {{ seller.trackingNumber }}</span>
            @if (seller.trackingUrl) {
              ·
              <a
                [href]="seller.trackingUrl"
                target="_blank"
                rel="noopener noreferrer"
                data-testid="tracking-link"
                >Track your parcel<span class="visually-hidden"> (opens in a new tab)</span></a
              >
            }
          } @else {
            · No tracking number yet
          }
        </p>
        <ul>
          @for (line of seller.lines; track line.sku) {
            <li>
              {{ line.quantity }} × <a [routerLink]="['/products', line.productId]">{{ line.title }}</a> ({{
                line.sku
              }}) — {{ line.unitPrice * line.quantity | money: line.currency }}
            </li>
          }
        </ul>
        <p>Subtotal {{ seller.subtotal | money: seller.currency }}</p>
      </section>
    }
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .seller-order {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 4px 16px;
      margin: 12px 0;
      h2 {
        font: var(--mat-sys-title-medium);
      }
    }
  `,
})
export class OrderSummary {
  readonly order = input.required<Order>();
  protected readonly label = statusLabel;
}
