import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { Api, fieldError, formatMoney, messageOf } from '@marketplace/web-portal';
import { sessionFeature } from '../../session/session.store';
import { httpsUrlValidator, SELLER_ORDER_FIELDS, statusLabel, type SellerOrder } from './orders.models';

const ORDER = `query SellerOrder($id: ID!) { sellerOrder(id: $id) { ${SELLER_ORDER_FIELDS} } }`;
const FULFIL = `mutation Fulfil($id: ID!) { markFulfilled(id: $id) { ${SELLER_ORDER_FIELDS} } }`;
const SHIP = `mutation Ship($id: ID!, $carrier: String!, $trackingNumber: String!, $trackingUrl: String) {
  markShipped(id: $id, carrier: $carrier, trackingNumber: $trackingNumber, trackingUrl: $trackingUrl) {
    ${SELLER_ORDER_FIELDS}
  }
}`;
const DELIVER = `mutation Deliver($id: ID!) { markDelivered(id: $id) { ${SELLER_ORDER_FIELDS} } }`;

/**
 * One seller order: where it goes, this seller's lines, and the fulfilment steps. Printed, the page is a packing
 * slip: the store's name, order number and date, the address and this seller's lines with SKU and quantity (the
 * portal's frame, navigation and buttons are left out by the print rules in styles.scss).
 */
@Component({
  selector: 'sp-order-page',
  imports: [RouterLink, DatePipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="no-print"><a routerLink="/orders">← Order queue</a></p>
    @if (failure(); as message) {
      <p class="error no-print" role="alert" data-testid="order-error">{{ message }}</p>
    }
    @if (!order() && !failure()) {
      <p class="notice no-print" role="status">Loading the order…</p>
    }
    @if (order(); as o) {
      <section class="packing-slip" aria-label="Packing slip" data-testid="packing-slip">
        <header class="slip-head">
          <p class="slip-store" data-testid="slip-store">{{ storeName() }}</p>
          <p class="slip-title">Packing slip</p>
        </header>
        <dl class="slip-facts">
          <div>
            <dt>Order</dt>
            <dd data-testid="slip-order">{{ number(o.id) }}</dd>
          </div>
          <div>
            <dt>Order date</dt>
            <dd data-testid="slip-date">{{ o.createdAt | date: 'longDate' }}</dd>
          </div>
        </dl>
        <p class="slip-label">Ship to</p>
        <address data-testid="slip-ship-to">
          {{ o.shipTo.name }}<br />
          {{ o.shipTo.line1 }}<br />
          @if (o.shipTo.line2) {
            {{ o.shipTo.line2 }}<br />
          }
          {{ o.shipTo.postalCode }} {{ o.shipTo.city }}<br />
          @if (o.shipTo.region) {
            {{ o.shipTo.region }}<br />
          }
          {{ o.shipTo.country }}
        </address>
        <table class="slip-lines">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Item</th>
              <th scope="col" class="quantity">Quantity</th>
            </tr>
          </thead>
          <tbody>
            @for (line of o.lines; track line.sku) {
              <tr data-testid="slip-line">
                <td>{{ line.sku }}</td>
                <td>{{ line.title }}</td>
                <td class="quantity">{{ line.quantity }}</td>
              </tr>
            }
          </tbody>
        </table>
        <p class="slip-count">{{ units(o) }} {{ units(o) === 1 ? 'item' : 'items' }} in this parcel.</p>
      </section>
      <div class="screen">
        <h1>Order {{ number(o.id) }}</h1>
        <p>
          Placed {{ o.createdAt | date: 'medium' }} · Status:
          <strong data-testid="order-detail-status">{{ label(o.status) }}</strong>
          @if (o.trackingNumber) {
            · Shipped with {{ o.carrier }}, tracking number
            <span data-testid="order-tracking">{{ o.trackingNumber }}</span>
            @if (o.trackingUrl) {
              ·
              <a
                [href]="o.trackingUrl"
                target="_blank"
                rel="noopener noreferrer"
                data-testid="order-tracking-link"
                >Track the parcel<span class="visually-hidden"> (opens in a new tab)</span></a
              >
            }
          }
        </p>
        <div class="columns">
          <section aria-labelledby="ship-to">
            <h2 id="ship-to">Ship to</h2>
            <address data-testid="ship-to">
              {{ o.shipTo.name }}<br />
              {{ o.shipTo.line1 }}<br />
              @if (o.shipTo.line2) {
                {{ o.shipTo.line2 }}<br />
              }
              {{ o.shipTo.postalCode }} {{ o.shipTo.city }}<br />
              @if (o.shipTo.region) {
                {{ o.shipTo.region }}<br />
              }
              {{ o.shipTo.country }}
            </address>
          </section>
          <section aria-labelledby="lines">
            <h2 id="lines">Items</h2>
            <ul class="lines">
              @for (line of o.lines; track line.sku) {
                <li data-testid="order-line">
                  {{ line.quantity }} × {{ line.title }} ({{ line.sku }}) —
                  {{ money(line.unitPrice * line.quantity, line.currency) }}
                </li>
              }
            </ul>
            <p>
              <strong>Subtotal {{ money(o.subtotal, o.currency) }}</strong>
            </p>
          </section>
        </div>

        <div class="no-print">
          <h2>Fulfilment</h2>
          <div class="actions">
            @if (o.status === 'paid') {
              <button
                mat-stroked-button
                type="button"
                (click)="step('fulfil')"
                [disabled]="busy()"
                data-testid="fulfil"
              >
                Mark packed
              </button>
            }
            @if (o.status === 'shipped') {
              <button
                mat-flat-button
                type="button"
                (click)="step('deliver')"
                [disabled]="busy()"
                data-testid="deliver"
              >
                Mark delivered
              </button>
            }
            <button mat-button type="button" (click)="print()" data-testid="print-slip">
              Print packing slip
            </button>
          </div>
          @if (o.status === 'paid' || o.status === 'fulfilled') {
            <form [formGroup]="ship" (ngSubmit)="markShipped()" novalidate class="ship">
              <h3>Ship it</h3>
              <div class="form-grid">
                <mat-form-field>
                  <mat-label>Carrier</mat-label>
                  <input matInput formControlName="carrier" data-testid="carrier" />
                  <mat-error>{{ error('carrier', 'Carrier') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Tracking number</mat-label>
                  <input matInput formControlName="trackingNumber" data-testid="tracking-number" />
                  <mat-error>{{ error('trackingNumber', 'Tracking number') }}</mat-error>
                </mat-form-field>
                <mat-form-field class="wide">
                  <mat-label>Tracking page (optional)</mat-label>
                  <input
                    matInput
                    type="url"
                    formControlName="trackingUrl"
                    placeholder="https://"
                    data-testid="tracking-url"
                  />
                  <mat-hint>The carrier's https link; the buyer gets it with the tracking number.</mat-hint>
                  <mat-error>{{ error('trackingUrl', 'Tracking page') }}</mat-error>
                </mat-form-field>
              </div>
              <button mat-flat-button type="submit" [disabled]="busy()" data-testid="ship">
                Mark shipped
              </button>
            </form>
          }
          @if (done(); as message) {
            <p class="notice" role="status" data-testid="order-saved">{{ message }}</p>
          }
        </div>
      </div>
    }
  `,
  styles: `
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: 16px;
    }
    .lines {
      padding-left: 20px;
    }
    .ship {
      max-width: 640px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    h3 {
      font: var(--mat-sys-title-medium);
    }
    .packing-slip {
      display: none;
    }
    @media print {
      .no-print,
      .screen {
        display: none;
      }
      .packing-slip {
        display: block;
        color: #000;
        font:
          12pt/1.4 system-ui,
          sans-serif;
      }
      .slip-head {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        border-bottom: 2px solid #000;
        margin-bottom: 12pt;
      }
      .slip-store {
        font-size: 18pt;
        font-weight: 600;
        margin: 0;
      }
      .slip-title {
        font-size: 14pt;
        margin: 0;
      }
      .slip-facts {
        display: flex;
        gap: 32pt;
        margin: 0 0 12pt;
      }
      .slip-facts dt,
      .slip-label {
        font-weight: 600;
        margin: 0;
      }
      .slip-facts dd {
        margin: 0;
      }
      address {
        font-style: normal;
        margin-bottom: 16pt;
      }
      .slip-lines {
        width: 100%;
        border-collapse: collapse;
      }
      .slip-lines th,
      .slip-lines td {
        border-bottom: 1px solid #000;
        padding: 4pt 6pt;
        text-align: left;
      }
      .slip-lines .quantity {
        text-align: right;
      }
    }
  `,
})
export class OrderPage implements OnInit {
  readonly id = input.required<string>();
  private readonly api = inject(Api);
  protected readonly order = signal<SellerOrder | null>(null);
  protected readonly failure = signal('');
  protected readonly done = signal('');
  protected readonly busy = signal(false);
  protected readonly label = statusLabel;
  private readonly tenant = inject(Store).selectSignal(sessionFeature.selectTenant);
  /** The seller's store as the slip names it. */
  protected readonly storeName = computed(() => this.tenant()?.name ?? '');
  protected readonly ship = inject(FormBuilder).nonNullable.group({
    carrier: ['', [Validators.required, Validators.maxLength(64)]],
    trackingNumber: [
      '',
      [Validators.required, Validators.maxLength(128), Validators.pattern(/^[A-Za-z0-9 ._\-/]+$/)],
    ],
    trackingUrl: ['', [Validators.maxLength(2048), httpsUrlValidator]],
  });

  ngOnInit(): void {
    void this.run(ORDER, {}, '');
  }

  protected error(name: 'carrier' | 'trackingNumber' | 'trackingUrl', label: string): string {
    if (this.ship.controls[name].hasError('pattern'))
      return 'Tracking number may hold letters, digits, spaces and . _ - / only.';
    return fieldError(this.ship.controls[name], label);
  }

  protected readonly money = formatMoney;

  /** The order number the seller and the buyer see: the id's last 8 characters. */
  protected number(id: string): string {
    return id.slice(-8).toUpperCase();
  }

  /** Units in this seller's parcel. */
  protected units(order: SellerOrder): number {
    return order.lines.reduce((sum, line) => sum + line.quantity, 0);
  }

  protected step(which: 'fulfil' | 'deliver'): void {
    void this.run(
      which === 'fulfil' ? FULFIL : DELIVER,
      {},
      which === 'fulfil' ? 'Marked packed.' : 'Marked delivered.',
    );
  }

  protected markShipped(): void {
    if (this.ship.invalid) {
      this.ship.markAllAsTouched();
      return;
    }
    const { carrier, trackingNumber, trackingUrl } = this.ship.getRawValue();
    void this.run(
      SHIP,
      {
        carrier: carrier.trim(),
        trackingNumber: trackingNumber.trim(),
        trackingUrl: trackingUrl.trim() || null,
      },
      'Marked shipped; the buyer sees the tracking number.',
    );
  }

  protected print(): void {
    window.print();
  }

  private async run(query: string, variables: Record<string, unknown>, success: string): Promise<void> {
    this.failure.set('');
    this.done.set('');
    this.busy.set(true);
    try {
      const data = await this.api.request<Record<string, SellerOrder>>(query, {
        id: this.id(),
        ...variables,
      });
      const order = Object.values(data)[0];
      if (order) this.order.set(order);
      this.done.set(success);
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
