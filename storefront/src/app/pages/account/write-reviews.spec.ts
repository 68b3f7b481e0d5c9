import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APP_CONFIG, DEFAULT_CONFIG } from '../../core/app-config';
import type { Order, SellerOrder } from '../../orders/order.models';
import { expectOperation } from '../../testing/graphql-requests';
import { WriteReviews } from './write-reviews';

function sellerOrder(id: string, status: string, productId: string, title: string): SellerOrder {
  return {
    id,
    tenantId: 'seller-a',
    status,
    subtotal: 2500,
    currency: 'EUR',
    carrier: null,
    trackingNumber: null,
    trackingUrl: null,
    lines: [{ productId, sku: `${productId}-S`, title, quantity: 1, unitPrice: 2500, currency: 'EUR' }],
  };
}

function order(sellerOrders: SellerOrder[]): Order {
  return {
    id: '01ORDER',
    status: 'paid',
    currency: 'EUR',
    total: 2500,
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
    sellerOrders,
  };
}

async function render(value: Order) {
  TestBed.configureTestingModule({
    imports: [WriteReviews],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
    ],
  });
  const fixture = TestBed.createComponent(WriteReviews);
  fixture.componentRef.setInput('order', value);
  await fixture.whenStable();
  return {
    http: TestBed.inject(HttpTestingController),
    fixture,
    element: fixture.nativeElement as HTMLElement,
  };
}

describe('WriteReviews', () => {
  it('offers nothing and asks nothing without a delivered seller order', async () => {
    const { http, element } = await render(order([sellerOrder('so1', 'shipped', 'p1', 'Linen shirt')]));
    expect(element.querySelector('[data-testid="write-reviews"]')).toBeNull();
    http.verify();
  });

  it('writes a review of a delivered product and shows it reviewed', async () => {
    const { http, fixture, element } = await render(
      order([
        sellerOrder('so1', 'shipped', 'p1', 'Linen shirt'),
        sellerOrder('so2', 'delivered', 'p2', 'Lamp'),
      ]),
    );
    const asked = expectOperation(http, 'Reviewable');
    expect(asked.request.body.variables).toEqual({ ids: ['so2'] });
    asked.flush({
      data: {
        reviewablePurchases: [{ sellerOrderId: 'so2', productId: 'p2', canReview: true, reviewId: null }],
      },
    });
    await fixture.whenStable();
    (element.querySelector('[data-testid="write-review"]') as HTMLButtonElement).click();
    await fixture.whenStable();

    (element.querySelectorAll('input[type="radio"]')[3] as HTMLInputElement).click();
    const title = element.querySelector('[data-testid="review-title"]') as HTMLInputElement;
    title.value = 'Bright and steady';
    title.dispatchEvent(new Event('input'));
    const text = element.querySelector('[data-testid="review-text"]') as HTMLTextAreaElement;
    text.value = 'Good light for reading.';
    text.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (element.querySelector('[data-testid="submit-review"]') as HTMLButtonElement).click();
    await fixture.whenStable();

    const created = expectOperation(http, 'CreateReview');
    expect(created.request.body.variables).toEqual({
      input: {
        sellerOrderId: 'so2',
        productId: 'p2',
        rating: 4,
        title: 'Bright and steady',
        text: 'Good light for reading.',
      },
    });
    created.flush({ data: { createReview: { id: 'r1' } } });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="review-status"]')?.textContent).toContain(
      'your review of Lamp is published',
    );
    expect(element.querySelector('[data-testid="reviewed"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="write-review"]')).toBeNull();
    http.verify();
  });

  it('shows the refusal of the reviews service', async () => {
    const { http, fixture, element } = await render(order([sellerOrder('so2', 'delivered', 'p2', 'Lamp')]));
    expectOperation(http, 'Reviewable').flush({
      data: {
        reviewablePurchases: [{ sellerOrderId: 'so2', productId: 'p2', canReview: true, reviewId: null }],
      },
    });
    await fixture.whenStable();
    (element.querySelector('[data-testid="write-review"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    (element.querySelectorAll('input[type="radio"]')[0] as HTMLInputElement).click();
    for (const [selector, value] of [
      ['[data-testid="review-title"]', 'Broke'],
      ['[data-testid="review-text"]', 'It broke.'],
    ] as const) {
      const field = element.querySelector(selector) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
    (element.querySelector('[data-testid="submit-review"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expectOperation(http, 'CreateReview').flush({
      data: null,
      errors: [
        { message: 'You have already reviewed this product from this order; edit that review instead' },
      ],
    });
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('already reviewed');
    http.verify();
  });
});
