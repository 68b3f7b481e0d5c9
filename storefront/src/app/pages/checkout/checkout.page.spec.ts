import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideStore, Store } from '@ngrx/store';
import { AuthActions } from '../../auth/auth.actions';
import { authFeature } from '../../auth/auth.reducer';
import { CartApi, GraphqlCartApi } from '../../cart/cart-api';
import { cartFeature } from '../../cart/cart.reducer';
import { APP_CONFIG, DEFAULT_CONFIG } from '../../core/app-config';
import { StripeJs } from '../../payments/stripe-js';
import { expectOperation } from '../../testing/graphql-requests';
import { CheckoutPage } from './checkout.page';

const rawCart = {
  itemCount: 1,
  totals: [{ amountMinor: 2500, currency: 'EUR' }],
  sellers: [
    {
      tenantId: 'seller-a',
      subtotals: [{ amountMinor: 2500, currency: 'EUR' }],
      lines: [
        {
          id: 'l1',
          productId: 'p1',
          variantId: 'v1',
          sku: 'SHIRT-S',
          title: 'Linen shirt',
          quantity: 1,
          unitPrice: { amountMinor: 2500, currency: 'EUR' },
          lineTotal: { amountMinor: 2500, currency: 'EUR' },
        },
      ],
    },
  ],
};

/** Stripe.js as the storefront uses it: the Payment Element mounted, confirmPayment answering as told. */
function fakeStripe(outcomes: Record<string, unknown>[]) {
  const mounted: HTMLElement[] = [];
  const confirmPayment = vi.fn(async () => outcomes.shift());
  const stripe = {
    elements: vi.fn(() => ({ create: () => ({ mount: (el: HTMLElement) => mounted.push(el) }) })),
    confirmPayment,
  };
  return { stripeJs: { load: vi.fn(async () => stripe) }, stripe, mounted, confirmPayment };
}

async function render(validation: Record<string, unknown> = {}, stripeJs: unknown = null) {
  TestBed.configureTestingModule({
    imports: [CheckoutPage],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideStore({ [cartFeature.name]: cartFeature.reducer, [authFeature.name]: authFeature.reducer }),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
      { provide: CartApi, useClass: GraphqlCartApi },
      ...(stripeJs ? [{ provide: StripeJs, useValue: stripeJs }] : []),
    ],
  });
  TestBed.inject(Store).dispatch(
    AuthActions.sessionChecked({ user: { id: 'u1', name: 'Bea', email: null } }),
  );
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CheckoutPage);
  await fixture.whenStable();
  expectOperation(http, 'ValidateCart').flush({
    data: {
      validateCart: { valid: true, cart: rawCart, changedLines: [], unavailableLines: [], ...validation },
    },
  });
  await fixture.whenStable();
  expectOperation(http, 'SellerNames').flush({ data: { s0: { name: 'Acme Outfitters' } } });
  await fixture.whenStable();
  return { http, fixture, element: fixture.nativeElement as HTMLElement };
}

function fill(element: HTMLElement, testId: string, value: string) {
  const input = element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

function fillAddress(fixture: Awaited<ReturnType<typeof render>>['fixture'], element: HTMLElement) {
  fill(element, 'address-name', 'Bea Buyer');
  fill(element, 'address-line1', 'Hauptstraße 1');
  fill(element, 'address-postalCode', '10115');
  fill(element, 'address-city', 'Berlin');
  (
    fixture.componentInstance as unknown as { form: { controls: { country: { setValue(v: string): void } } } }
  ).form.controls.country.setValue('DE');
}

const submit = (element: HTMLElement) =>
  element.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));

describe('CheckoutPage', () => {
  it("groups the review by seller under the seller's display name", async () => {
    const { element } = await render();
    const groups = element.querySelectorAll('[data-testid="review-seller"]');
    expect(groups).toHaveLength(1);
    expect(groups[0]?.querySelector('h3')?.textContent?.trim()).toBe('From Acme Outfitters');
    expect(groups[0]?.querySelector('h3 a')?.getAttribute('href')).toBe('/sellers/seller-a');
  });

  it('names the missing fields in an alert and sends nothing', async () => {
    const { http, fixture, element } = await render();
    submit(element);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="form-summary"]')?.textContent).toContain(
      'Please correct 5 fields',
    );
    expect(element.textContent).toContain('Full name is required.');
    http.verify();
  });

  it('sends one checkout for a double submit, disables the button, and opens the confirmation', async () => {
    const { http, fixture, element } = await render();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fillAddress(fixture, element);
    submit(element);
    submit(element);
    await fixture.whenStable();
    const checkout = expectOperation(http, 'Checkout');
    expect(element.querySelector<HTMLButtonElement>('[data-testid="place-order"]')?.disabled).toBe(true);
    expect(checkout.request.body.variables.input).toMatchObject({
      idempotencyKey: expect.stringMatching(/^checkout-/),
      shippingAddress: { name: 'Bea Buyer', postalCode: '10115', country: 'DE' },
    });
    checkout.flush({ data: { checkout: { id: 'o1', status: 'paid', sellerOrders: [] } } });
    expect(navigate).toHaveBeenCalledWith(['/checkout/confirmation', 'o1']);
  });

  it('shows a refusal, re-checks the cart, and makes the next submit a new attempt', async () => {
    const { http, fixture, element } = await render();
    fillAddress(fixture, element);
    submit(element);
    const first = expectOperation(http, 'Checkout');
    const firstKey = first.request.body.variables.input.idempotencyKey;
    first.flush({ data: null, errors: [{ message: 'Some lines cannot be reserved: out of stock' }] });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="checkout-error"]')?.textContent).toContain('out of stock');
    expectOperation(http, 'ValidateCart').flush({
      data: {
        validateCart: {
          valid: false,
          cart: rawCart,
          changedLines: [
            {
              lineId: 'l1',
              sku: 'SHIRT-S',
              previousPrice: { amountMinor: 2500, currency: 'EUR' },
              currentPrice: { amountMinor: 2700, currency: 'EUR' },
            },
          ],
          unavailableLines: [],
        },
      },
    });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="price-changes"]')?.textContent).toContain('now €27.00');
    submit(element);
    const second = expectOperation(http, 'Checkout');
    expect(second.request.body.variables.input.idempotencyKey).not.toBe(firstKey);
  });

  it('does not let the buyer pay while a line is unavailable', async () => {
    const { element } = await render({
      valid: false,
      unavailableLines: [{ lineId: 'l1', sku: 'SHIRT-S', reason: 'out of stock' }],
    });
    expect(element.querySelector('[data-testid="unavailable-lines"]')?.textContent).toContain('out of stock');
    expect(element.querySelector<HTMLButtonElement>('[data-testid="place-order"]')?.disabled).toBe(true);
  });

  it('with Stripe, shows the Payment Element for the placed order, a decline with a retry, then waits for the webhook', async () => {
    const fake = fakeStripe([
      { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } },
      { paymentIntent: { id: 'pi_1', status: 'succeeded' } },
    ]);
    const { http, fixture, element } = await render({}, fake.stripeJs);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fillAddress(fixture, element);
    submit(element);
    expectOperation(http, 'Checkout').flush({
      data: {
        checkout: {
          id: 'o1',
          status: 'pending_payment',
          total: 2500,
          currency: 'EUR',
          sellerOrders: [],
          paymentProvider: 'stripe',
          paymentClientSecret: 'pi_1_secret_abc',
          paymentPublishableKey: 'pk_test_abc',
        },
      },
    });
    await fixture.whenStable();
    await vi.waitFor(() => expect(fake.mounted).toHaveLength(1));
    expect(fake.stripeJs.load).toHaveBeenCalledWith('pk_test_abc');
    expect(fake.stripe.elements).toHaveBeenCalledWith(
      expect.objectContaining({ clientSecret: 'pi_1_secret_abc' }),
    );
    expect(element.querySelector('form')).toBeNull();
    expect(element.querySelector('[data-testid="payment-order-id"]')?.textContent).toBe('o1');
    const pay = () => element.querySelector<HTMLButtonElement>('[data-testid="pay"]')!;
    await vi.waitFor(() => expect(pay().disabled).toBe(false));
    expect(pay().textContent).toContain('Pay €25.00');

    pay().click();
    await vi.waitFor(() =>
      expect(element.querySelector('[data-testid="payment-error"]')?.textContent).toContain(
        'Your card was declined. Nothing was charged.',
      ),
    );
    await fixture.whenStable();
    expect(pay().textContent).toContain('Pay again');
    expect(navigate).not.toHaveBeenCalled();

    pay().click();
    await vi.waitFor(() => expect(element.querySelector('[data-testid="payment-waiting"]')).not.toBeNull());
    expect(fake.confirmPayment).toHaveBeenCalledTimes(2);
    expect(element.querySelector('[data-testid="payment-error"]')).toBeNull();
    // Stripe.js said yes, but the order is paid only once payments has the webhook: the step polls the order.
    const stillOpen = await vi.waitFor(() => expectOperation(http, 'MyOrder'), { timeout: 3000 });
    stillOpen.flush({ data: { myOrder: { id: 'o1', status: 'pending_payment', sellerOrders: [] } } });
    expect(navigate).not.toHaveBeenCalled();
    const paid = await vi.waitFor(() => expectOperation(http, 'MyOrder'), { timeout: 3000 });
    paid.flush({ data: { myOrder: { id: 'o1', status: 'paid', sellerOrders: [] } } });
    expect(navigate).toHaveBeenCalledWith(['/checkout/confirmation', 'o1']);
  });
});
