import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { filter, switchMap, take, timer } from 'rxjs';
import { OrdersApi } from '../orders/orders-api';
import { MoneyPipe } from '../shared/money.pipe';
import { Loading } from '../shared/state-views';
import { paymentErrorMessage } from './payment-errors';
import { StripeJs } from './stripe-js';

/** What the browser needs to confirm an open Stripe payment (from checkout's answer; no secret key). */
export interface StripePaymentRequest {
  orderId: string;
  amount: number;
  currency: string;
  clientSecret: string;
  publishableKey: string;
}

const POLL_MS = 1500;
/** After this many polls (two minutes) the buyer goes on to the order page, which keeps showing its status. */
const MAX_POLLS = 80;

/**
 * The payment step of a Stripe checkout: Stripe's Payment Element (card entry, 3-D Secure in Stripe's own
 * dialog) confirms the order's one PaymentIntent in the browser. A declined card or a failed security check is
 * shown with the reason and the buyer pays again on the same intent. The order moves on only when payments has
 * the signed webhook, so after a successful confirmation this step waits for the order to be paid.
 */
@Component({
  selector: 'sf-stripe-payment',
  imports: [MatButtonModule, MoneyPipe, Loading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<section class="payment-step" aria-labelledby="payment-heading" data-testid="payment-step">
    <h2 id="payment-heading">Payment</h2>
    <p>
      Your items are reserved under order
      <span class="order-id" data-testid="payment-order-id">{{ request().orderId }}</span>. Pay
      <strong>{{ request().amount | money: request().currency }}</strong> to complete it; the card is charged
      once for every seller.
    </p>
    <div #paymentElement class="payment-element" data-testid="payment-element"></div>
    @if (state() === 'loading') {
      <sf-loading label="Loading the secure payment form…" />
    }
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="payment-error">{{ message }}</p>
    }
    @if (state() === 'waiting') {
      <div data-testid="payment-waiting">
        <sf-loading label="Payment sent. Waiting for the payment provider to confirm it…" />
      </div>
    } @else if (state() !== 'closed') {
      <button
        mat-flat-button
        type="button"
        data-testid="pay"
        [disabled]="state() !== 'ready'"
        (click)="pay()"
      >
        {{ state() === 'paying' ? 'Paying…' : error() ? 'Pay again' : 'Pay' }}
        {{ request().amount | money: request().currency }}
      </button>
    }
  </section>`,
  styles: `
    .payment-step {
      max-width: 560px;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    .payment-element {
      margin: 16px 0;
    }
    .order-id {
      font-family: monospace;
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class StripePayment {
  readonly request = input.required<StripePaymentRequest>();

  private readonly stripeJs = inject(StripeJs);
  private readonly orders = inject(OrdersApi);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly mountPoint = viewChild.required<ElementRef<HTMLElement>>('paymentElement');

  protected readonly state = signal<'loading' | 'ready' | 'paying' | 'waiting' | 'closed'>('loading');
  protected readonly error = signal<string | null>(null);
  private stripe: Stripe | null = null;
  private elements: StripeElements | null = null;

  constructor() {
    afterNextRender(() => void this.mount());
  }

  private async mount(): Promise<void> {
    const { publishableKey, clientSecret } = this.request();
    try {
      this.stripe = await this.stripeJs.load(publishableKey);
      this.elements = this.stripe.elements({ clientSecret, appearance: { theme: 'stripe' } });
      const element = this.elements.create('payment', { layout: 'tabs' });
      element.mount(this.mountPoint().nativeElement);
      this.state.set('ready');
    } catch (error) {
      this.error.set(
        `The payment form could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`,
      );
    }
  }

  protected async pay(): Promise<void> {
    if (!this.stripe || !this.elements || this.state() !== 'ready') return;
    this.state.set('paying');
    this.error.set(null);
    const { orderId } = this.request();
    const result = await this.stripe.confirmPayment({
      elements: this.elements,
      redirect: 'if_required',
      // Only payment methods that need a redirect come back here; cards finish in place (3-D Secure included).
      confirmParams: { return_url: `${window.location.origin}/checkout/confirmation/${orderId}` },
    });
    if (result.error) {
      this.error.set(paymentErrorMessage(result.error));
      this.state.set('ready');
      return;
    }
    this.state.set('waiting');
    this.awaitPaidOrder(orderId);
  }

  /** Polls the order until the webhook-driven saga moved it on; a cancelled order shows why. */
  private awaitPaidOrder(orderId: string): void {
    let polls = 0;
    timer(POLL_MS, POLL_MS)
      .pipe(
        switchMap(() => this.orders.myOrder(orderId)),
        filter((order) => order.status !== 'pending_payment' || ++polls >= MAX_POLLS),
        take(1),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (order) => {
          if (order.status === 'cancelled') {
            this.state.set('closed');
            this.error.set(`The order was cancelled: ${order.failureReason ?? 'the payment failed'}.`);
            return;
          }
          void this.router.navigate(['/checkout/confirmation', orderId]);
        },
        error: () => void this.router.navigate(['/checkout/confirmation', orderId]),
      });
  }
}
