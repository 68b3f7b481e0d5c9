import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  type Signal,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { Api, formatMoney, messageOf, pageOf, type RawList, toMinor } from '@marketplace/web-portal';
import type { SellerName } from '../../shared/seller-names';
import { OrderPayment } from './order-payment';
import { type AdminOrder, type AdminSellerOrder, FIND_ORDERS } from './orders.models';

const REFUND = `mutation Refund($input: AdminRefundInput!) {
  refundSellerOrder(input: $input) { id status acceptedAmount lastError }
}`;

/** One order across its sellers: what each seller order holds, its payment, transfers, refunds and disputes, and an admin refund. */
@Component({
  selector: 'ap-order-page',
  imports: [
    DatePipe,
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    OrderPayment,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/orders">← All orders</a></p>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the order" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (!loading() && !error() && !order()) {
      <h1>Order not found</h1>
      <p class="notice" data-testid="order-missing">No order has the id {{ id() }}.</p>
    }
    @if (order(); as o) {
      <h1>
        Order <code>{{ o.id }}</code>
      </h1>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class="status" data-testid="order-status">{{ o.status }}</span>
        </dd>
        <dt>Total</dt>
        <dd>{{ money(o.total, o.currency) }}</dd>
        <dt>Placed</dt>
        <dd>{{ o.createdAt | date: 'medium' }}</dd>
        <dt>Buyer</dt>
        <dd>
          <code>{{ o.buyerId }}</code>
        </dd>
        <dt>Ship to</dt>
        <dd>
          {{ o.shippingAddress.name }}, {{ o.shippingAddress.line1 }}, {{ o.shippingAddress.postalCode }}
          {{ o.shippingAddress.city }}, {{ o.shippingAddress.country }}
        </dd>
        <dt>Checkout</dt>
        <dd>{{ o.sagaState }}{{ o.failureReason ? ' — ' + o.failureReason : '' }}</dd>
      </dl>
      @for (s of o.sellerOrders; track s.id) {
        <section class="seller-order" [attr.aria-labelledby]="'so-' + s.id" data-testid="seller-order">
          <h2 [id]="'so-' + s.id">
            <a [routerLink]="['/sellers', s.tenantId]">{{ sellerName(s) }}</a>
            <span class="status">{{ s.status }}</span>
          </h2>
          <p>
            Subtotal {{ money(s.subtotal, s.currency) }} · refunded
            <span data-testid="refunded">{{ money(s.refundedAmount, s.currency) }}</span>
            @if (s.carrier) {
              · shipped with {{ s.carrier }} {{ s.trackingNumber }}
            }
          </p>
          <ul>
            @for (l of s.lines; track l.sku) {
              <li>{{ l.quantity }} × {{ l.title }} ({{ l.sku }}) at {{ money(l.unitPrice, s.currency) }}</li>
            }
          </ul>
        </section>
      }

      <ap-order-payment [buyerOrderId]="o.id" [nameOf]="sellerNameOf()" [version]="refunds()" />

      <form [formGroup]="refund" (ngSubmit)="issueRefund(o)" class="refund" aria-labelledby="refund-caption">
        <h2 id="refund-caption">Refund</h2>
        <p class="notice">
          Refunds go through the refund flow: the buyer is refunded by the payment provider, the seller's
          share is reversed in proportion, and the audit log records the reason.
        </p>
        <mat-form-field>
          <mat-label>Seller order</mat-label>
          <mat-select formControlName="sellerOrderId" data-testid="refund-seller-order">
            @for (s of o.sellerOrders; track s.id) {
              <mat-option [value]="s.id"
                >{{ sellerName(s) }} — up to
                {{ money(s.subtotal - s.refundedAmount, s.currency) }}</mat-option
              >
            }
          </mat-select>
          @if (refund.controls.sellerOrderId.invalid && refund.controls.sellerOrderId.touched) {
            <mat-error>Choose the seller order to refund.</mat-error>
          }
        </mat-form-field>
        @if (chosenSellerOrder(); as chosen) {
          <div class="line-choice">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Line</mat-label>
              <mat-select formControlName="sku" data-testid="refund-line">
                <mat-option [value]="null">No line (an amount of the seller order)</mat-option>
                @for (l of chosen.lines; track l.sku) {
                  <mat-option [value]="l.sku"
                    >{{ l.title }} ({{ l.sku }}) — {{ l.quantity }} ×
                    {{ money(l.unitPrice, chosen.currency) }}</mat-option
                  >
                }
              </mat-select>
              <mat-hint>Recorded on the refund; sets the amount.</mat-hint>
            </mat-form-field>
            @if (chosenLine(); as line) {
              <mat-form-field class="quantity" subscriptSizing="dynamic">
                <mat-label>Quantity</mat-label>
                <input
                  matInput
                  type="number"
                  min="1"
                  [max]="line.quantity"
                  formControlName="quantity"
                  data-testid="refund-quantity"
                />
                <mat-hint>Of {{ line.quantity }} bought.</mat-hint>
                @if (refund.controls.quantity.invalid) {
                  <mat-error>A whole number from 1 to {{ line.quantity }}.</mat-error>
                }
              </mat-form-field>
            }
          </div>
        }
        <mat-form-field>
          <mat-label>Amount ({{ o.currency }})</mat-label>
          <input matInput formControlName="amount" inputmode="decimal" data-testid="refund-amount" />
          @if (lineCost() !== null) {
            <mat-hint data-testid="refund-line-cost"
              >The line costs {{ money(lineCost()!, o.currency) }}; lower the amount for a partial
              refund.</mat-hint
            >
          }
          @if (refund.controls.amount.invalid && refund.controls.amount.touched) {
            <mat-error>{{
              refund.controls.amount.hasError('aboveLine')
                ? 'At most ' + money(lineCost()!, o.currency) + ', what the chosen quantity costs.'
                : 'An amount like 12.50.'
            }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Reason</mat-label>
          <input matInput formControlName="reason" data-testid="refund-reason" />
          @if (refund.controls.reason.invalid && refund.controls.reason.touched) {
            <mat-error>A reason of at least 3 characters is required.</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="refund">Refund</button>
        @if (done(); as message) {
          <p role="status" data-testid="refund-done">{{ message }}</p>
        }
        @if (refundError(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </form>
    }
  `,
  styles: `
    .seller-order h2 {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .refund {
      display: flex;
      flex-direction: column;
      max-width: 480px;
      margin-top: 24px;
    }
    .refund button {
      align-self: flex-start;
    }
    .line-choice {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .line-choice mat-form-field {
      margin-bottom: 16px;
    }
    .line-choice mat-form-field:first-child {
      flex: 1 1 260px;
    }
    .line-choice .quantity {
      flex: 0 1 120px;
    }
    code {
      overflow-wrap: anywhere;
    }
  `,
})
export class OrderPage {
  private readonly api = inject(Api);
  readonly id = input.required<string>();
  protected readonly order = signal<AdminOrder | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly refundError = signal<string | null>(null);
  private readonly sellers = signal<SellerName[]>([]);
  private readonly nameOf = computed(() => new Map(this.sellers().map((s) => [s.id, s.name])));
  protected readonly sellerNameOf = computed(() => {
    const names = this.nameOf();
    return (sellerId: string) => names.get(sellerId) ?? sellerId;
  });
  /** Refunds issued on this page: the payment section reads the money again after each. */
  protected readonly refunds = signal(0);
  protected readonly refund = new FormGroup({
    sellerOrderId: new FormControl<string | null>(null, Validators.required),
    sku: new FormControl<string | null>(null),
    quantity: new FormControl(1, { nonNullable: true, validators: [Validators.required, Validators.min(1)] }),
    amount: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.pattern(/^\d+(\.\d{1,2})?$/),
        (control: AbstractControl): ValidationErrors | null => this.aboveLine(control),
      ],
    }),
    reason: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(1000)],
    }),
  });
  /** One key per refund the admin means to give: a retried submit refunds once. */
  private idempotencyKey = crypto.randomUUID();
  private readonly refundValue = toSignal(this.refund.valueChanges, { initialValue: this.refund.value });
  protected readonly chosenSellerOrder = computed(() => {
    const id = this.refundValue().sellerOrderId;
    return this.order()?.sellerOrders.find((s) => s.id === id) ?? null;
  });
  protected readonly chosenLine = computed(() => {
    const sku = this.refundValue().sku;
    return this.chosenSellerOrder()?.lines.find((l) => l.sku === sku) ?? null;
  });
  /** What the chosen quantity of the chosen line cost (the most its refund may be), or null without a line. */
  protected readonly lineCost: Signal<number | null> = computed(() => {
    const line = this.chosenLine();
    const quantity = Number(this.refundValue().quantity);
    if (!line || !Number.isInteger(quantity) || quantity < 1 || quantity > line.quantity) return null;
    return line.unitPrice * quantity;
  });

  constructor() {
    effect(() => void this.load(this.id()));
    const controls = this.refund.controls;
    // A new seller order starts without a line; a new line or quantity computes the amount (editable down).
    controls.sellerOrderId.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => controls.sku.setValue(null, { emitEvent: true }));
    // The handlers read the controls (already updated), not the form's value (updated after them).
    const lineOf = (sku: string | null) =>
      this.order()
        ?.sellerOrders.find((s) => s.id === controls.sellerOrderId.value)
        ?.lines.find((l) => l.sku === sku);
    controls.sku.valueChanges.pipe(takeUntilDestroyed()).subscribe((sku) => {
      const line = lineOf(sku);
      controls.quantity.setValidators(
        line ? [Validators.required, Validators.min(1), Validators.max(line.quantity)] : [],
      );
      controls.quantity.setValue(line ? line.quantity : 1);
    });
    controls.quantity.valueChanges.pipe(takeUntilDestroyed()).subscribe((quantity) => {
      const line = lineOf(controls.sku.value);
      const count = Number(quantity);
      if (line && Number.isInteger(count) && count >= 1 && count <= line.quantity)
        controls.amount.setValue(((line.unitPrice * count) / 100).toFixed(2));
      // Re-checked once the form's value (which the limit reads) has caught up.
      queueMicrotask(() => controls.amount.updateValueAndValidity({ emitEvent: false }));
    });
  }

  protected readonly money = formatMoney;

  /** An amount above what the chosen quantity of the chosen line cost. */
  private aboveLine(control: AbstractControl): ValidationErrors | null {
    const cost = this.lineCost ? this.lineCost() : null;
    const raw = String(control.value ?? '');
    return cost !== null && /^\d+(\.\d{1,2})?$/.test(raw) && toMinor(raw) > cost ? { aboveLine: true } : null;
  }

  protected sellerName(order: AdminSellerOrder): string {
    return this.nameOf().get(order.tenantId) ?? order.tenantId;
  }

  protected async issueRefund(order: AdminOrder): Promise<void> {
    this.refund.markAllAsTouched();
    if (this.refund.invalid) return;
    const { sellerOrderId, amount, reason, sku, quantity } = this.refund.getRawValue();
    this.busy.set(true);
    this.done.set(null);
    this.refundError.set(null);
    try {
      const { refundSellerOrder } = await this.api.request<{
        refundSellerOrder: { status: string; acceptedAmount: number | null; lastError: string | null };
      }>(REFUND, {
        input: {
          sellerOrderId,
          amount: toMinor(amount),
          reason: reason.trim(),
          idempotencyKey: this.idempotencyKey,
          lines: sku ? [{ sku, quantity: Number(quantity) }] : null,
        },
      });
      this.idempotencyKey = crypto.randomUUID();
      this.done.set(
        refundSellerOrder.status === 'refunded'
          ? `Refunded ${formatMoney(refundSellerOrder.acceptedAmount ?? 0, order.currency)}.`
          : `Refund ${refundSellerOrder.status}${refundSellerOrder.lastError ? `: ${refundSellerOrder.lastError}` : ''}.`,
      );
      this.refund.reset({ sellerOrderId: null, sku: null, quantity: 1, amount: '', reason: '' });
      this.refunds.update((count) => count + 1);
      await this.load(order.id);
    } catch (error) {
      this.refundError.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const { orders } = await this.api.request<{ orders: RawList<AdminOrder> }>(FIND_ORDERS, {
        orderId: id,
        first: 1,
      });
      const order = pageOf(orders).nodes[0] ?? null;
      this.order.set(order);
      if (order) void this.loadSellers(order);
    } catch (error) {
      this.error.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }

  /** The names of this order's sellers (public seller profiles, one aliased query). */
  private async loadSellers(order: AdminOrder): Promise<void> {
    const ids = [...new Set(order.sellerOrders.map((s) => s.tenantId))];
    if (ids.length === 0) return;
    const query = `query SellerNames(${ids.map((_, i) => `$s${i}: ID!`).join(', ')}) {
      ${ids.map((_, i) => `s${i}: tenant(id: $s${i}) { id name }`).join('\n')}
    }`;
    try {
      const answer = await this.api.request<Record<string, SellerName | null>>(
        query,
        Object.fromEntries(ids.map((id, i) => [`s${i}`, id])),
      );
      this.sellers.set(Object.values(answer).filter((s): s is SellerName => s !== null));
    } catch {
      // Without names the seller ids are shown.
    }
  }
}
