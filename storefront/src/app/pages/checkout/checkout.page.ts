import { isPlatformBrowser } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  PLATFORM_ID,
  signal,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.reducer';
import { CartActions } from '../../cart/cart.actions';
import { CartApi } from '../../cart/cart-api';
import type { CartValidation } from '../../cart/cart.models';
import { ApiError } from '../../core/graphql-client';
import type { CheckoutResult } from '../../orders/order.models';
import { OrdersApi } from '../../orders/orders-api';
import { StripePayment, type StripePaymentRequest } from '../../payments/stripe-payment';
import { SellerLink } from '../../sellers/seller-link';
import { MoneyPipe } from '../../shared/money.pipe';
import { Seo } from '../../shared/seo';
import { SignInPrompt } from '../../shared/sign-in-prompt';
import { ErrorMessage, Loading } from '../../shared/state-views';
import {
  addressForm,
  fieldError,
  FIELD_LABELS,
  SHIPPING_COUNTRIES,
  TEXT_FIELDS,
  toShippingAddress,
  type AddressField,
} from './address-form';

/** A fresh key per checkout attempt: a repeated submit of the same attempt can never order twice. */
function newIdempotencyKey(): string {
  return `checkout-${crypto.randomUUID()}`;
}

@Component({
  selector: 'sf-checkout-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MoneyPipe,
    Loading,
    ErrorMessage,
    SignInPrompt,
    SellerLink,
    StripePayment,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './checkout.page.html',
  styleUrl: './checkout.page.scss',
})
export class CheckoutPage {
  private readonly store = inject(Store);
  private readonly cartApi = inject(CartApi);
  private readonly orders = inject(OrdersApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));

  protected readonly authStatus = this.store.selectSignal(authFeature.selectStatus);
  protected readonly form = addressForm();
  protected readonly countries = SHIPPING_COUNTRIES;
  protected readonly labels = FIELD_LABELS;
  protected readonly textFields = TEXT_FIELDS;
  protected readonly review = signal<CartValidation | null>(null);
  protected readonly reviewError = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly submitError = signal<string | null>(null);
  protected readonly formSummary = signal<string | null>(null);
  /** Set once the order is placed with a Stripe payment: the buyer pays in the Payment Element. */
  protected readonly payment = signal<StripePaymentRequest | null>(null);
  protected readonly canPay = computed(() => {
    const review = this.review();
    return !!review && review.unavailableLines.length === 0 && review.cart.itemCount > 0;
  });
  private idempotencyKey = newIdempotencyKey();

  constructor() {
    inject(Seo).setJsonLd(null);
    effect(() => {
      if (this.browser && this.authStatus() === 'authenticated' && !this.review()) this.validate();
    });
  }

  protected error(field: AddressField): string | null {
    const control = this.form.controls[field];
    return control.touched ? fieldError(this.form, field) : null;
  }

  protected skuTitle(review: CartValidation, lineId: string): string {
    for (const seller of review.cart.sellers)
      for (const line of seller.lines) if (line.id === lineId) return line.title;
    return lineId;
  }

  protected validate(): void {
    this.reviewError.set(null);
    this.cartApi.validate().subscribe({
      next: (review) => {
        this.review.set(review);
        this.store.dispatch(CartActions.loaded({ cart: review.cart }));
      },
      error: (error: unknown) => this.reviewError.set(messageOf(error)),
    });
  }

  protected placeOrder(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const invalid = (Object.keys(this.form.controls) as AddressField[]).filter(
        (f) => this.form.controls[f].invalid,
      );
      this.formSummary.set(
        `Please correct ${invalid.length === 1 ? '1 field' : `${invalid.length} fields`}: ${invalid
          .map((f) => FIELD_LABELS[f])
          .join(', ')}.`,
      );
      this.host.nativeElement.querySelector<HTMLElement>(`[data-field="${invalid[0]}"]`)?.focus();
      return;
    }
    this.formSummary.set(null);
    this.submitError.set(null);
    this.submitting.set(true);
    this.orders.checkout(this.idempotencyKey, toShippingAddress(this.form.getRawValue())).subscribe({
      next: (order) => {
        this.store.dispatch(CartActions.loadRequested());
        if (order.status === 'cancelled') {
          this.failed(order.failureReason ?? 'The order could not be placed.', false);
          return;
        }
        const payment = stripePaymentOf(order);
        if (payment) {
          this.submitting.set(false);
          this.payment.set(payment);
          return;
        }
        void this.router.navigate(['/checkout/confirmation', order.id]);
      },
      error: (error: unknown) => this.failed(messageOf(error), error instanceof ApiError && error.retryable),
    });
  }

  /**
   * A refused attempt (stock, price, address) is over: the next submit is a new attempt with a new key, after
   * the buyer saw the re-checked cart. A request that may not have arrived keeps its key, so retrying is safe.
   */
  private failed(message: string, retryable: boolean): void {
    this.submitting.set(false);
    this.submitError.set(message);
    if (!retryable) {
      this.idempotencyKey = newIdempotencyKey();
      this.validate();
    }
  }
}

/** The open Stripe payment of a placed order; null when the server already settled it (built-in test provider). */
function stripePaymentOf(order: CheckoutResult): StripePaymentRequest | null {
  if (order.status !== 'pending_payment' || order.paymentProvider !== 'stripe') return null;
  if (!order.paymentClientSecret || !order.paymentPublishableKey) return null;
  return {
    orderId: order.id,
    amount: order.total,
    currency: order.currency,
    clientSecret: order.paymentClientSecret,
    publishableKey: order.paymentPublishableKey,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
