import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideStore, Store } from '@ngrx/store';
import { AuthActions } from '../../auth/auth.actions';
import { authFeature } from '../../auth/auth.reducer';
import { APP_CONFIG, DEFAULT_CONFIG } from '../../core/app-config';
import type { Order } from '../../orders/order.models';
import { expectOperation } from '../../testing/graphql-requests';
import { ConfirmationPage } from '../checkout/confirmation.page';
import { OrderPage } from './order.page';

const order: Order = {
  id: '01ORDER',
  status: 'paid',
  currency: 'EUR',
  total: 7500,
  failureReason: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  shippingAddress: {
    name: 'Bea Buyer',
    line1: 'Hauptstraße 1',
    line2: null,
    postalCode: '10115',
    city: 'Berlin',
    region: null,
    country: 'DE',
  },
  sellerOrders: [
    {
      id: 'so1',
      tenantId: 'seller-a',
      status: 'paid',
      subtotal: 2500,
      currency: 'EUR',
      carrier: null,
      trackingNumber: null,
      trackingUrl: null,
      lines: [
        {
          productId: 'p1',
          sku: 'SHIRT-S',
          title: 'Linen shirt',
          quantity: 1,
          unitPrice: 2500,
          currency: 'EUR',
        },
      ],
    },
    {
      id: 'so2',
      tenantId: 'seller-b',
      status: 'shipped',
      subtotal: 5000,
      currency: 'EUR',
      carrier: 'DHL',
      trackingNumber: 'TRACK-1',
      trackingUrl: 'https://www.dhl.de/track?id=TRACK-1',
      lines: [
        {
          productId: 'p2',
          sku: 'LAMP',
          title: 'Reading lamp',
          quantity: 2,
          unitPrice: 2500,
          currency: 'EUR',
        },
      ],
    },
  ],
};

async function render(page: typeof OrderPage | typeof ConfirmationPage, signedIn = true) {
  TestBed.configureTestingModule({
    imports: [page],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideStore({ [authFeature.name]: authFeature.reducer }),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
    ],
  });
  TestBed.inject(Store).dispatch(
    AuthActions.sessionChecked({ user: signedIn ? { id: 'u1', name: 'Bea', email: null } : null }),
  );
  const fixture = TestBed.createComponent(page);
  fixture.componentRef.setInput('id', order.id);
  await fixture.whenStable();
  return {
    http: TestBed.inject(HttpTestingController),
    fixture,
    element: fixture.nativeElement as HTMLElement,
  };
}

describe('order pages', () => {
  it('the confirmation shows the order with each seller part under the seller name', async () => {
    const { http, fixture, element } = await render(ConfirmationPage);
    const request = expectOperation(http, 'MyOrder');
    expect(request.request.body.variables).toEqual({ id: '01ORDER' });
    request.flush({ data: { myOrder: order } });
    await fixture.whenStable();
    expectOperation(http, 'SellerNames').flush({
      data: { s0: { name: 'Acme Outfitters' }, s1: { name: 'Nordic Home' } },
    });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Thank you, your order is placed');
    expect(element.querySelector('[data-testid="order-id"]')?.textContent).toBe('01ORDER');
    const parts = [...element.querySelectorAll('[data-testid="seller-order"]')];
    expect(parts.map((part) => part.querySelector('h2')?.textContent?.trim())).toEqual([
      'From Acme Outfitters',
      'From Nordic Home',
    ]);
    expect(parts[1]?.querySelector('[data-testid="tracking"]')?.textContent).toBe('DHL TRACK-1');
    expect(parts[1]?.querySelector('[data-testid="tracking-link"]')?.getAttribute('href')).toBe(
      'https://www.dhl.de/track?id=TRACK-1',
    );
    expect(parts[0]?.querySelector('[data-testid="tracking-link"]')).toBeNull();
  });

  it('the order page shows its own heading and an error the API gave', async () => {
    const { http, fixture, element } = await render(OrderPage);
    expectOperation(http, 'MyOrder').flush({ data: null, errors: [{ message: 'Order not found' }] });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Your order');
    expect(element.querySelector('[role="alert"]')?.textContent).toBe('Order not found');
    http.verify();
  });

  it('asks a signed-out buyer to sign in and loads nothing', async () => {
    const { http, element } = await render(OrderPage, false);
    expect(element.textContent).toContain('Sign in to see your order.');
    http.verify();
  });
});
