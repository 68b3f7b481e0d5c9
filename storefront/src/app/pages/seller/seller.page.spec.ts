import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APP_CONFIG, DEFAULT_CONFIG } from '../../core/app-config';
import { expectOperation } from '../../testing/graphql-requests';
import { SellerPage } from './seller.page';

async function render() {
  TestBed.configureTestingModule({
    imports: [SellerPage],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
    ],
  });
  const fixture = TestBed.createComponent(SellerPage);
  fixture.componentRef.setInput('id', 'seller-a');
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  expectOperation(http, 'Seller').flush({
    data: {
      tenant: { id: 'seller-a', name: 'Acme Outfitters', description: null, returnPolicy: null, logo: null },
    },
  });
  return { http, fixture, element: fixture.nativeElement as HTMLElement };
}

describe('SellerPage', () => {
  it("shows the seller's rating over its reviews", async () => {
    const { http, fixture, element } = await render();
    expectOperation(http, 'SellerRating').flush({
      data: { tenant: { id: 'seller-a', rating: { count: 3, average: 4.3, distribution: [0, 0, 0, 2, 1] } } },
    });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="seller-page-rating"]')?.textContent).toContain(
      'Seller rating',
    );
  });

  it('shows the rest of the page when the rating cannot be read', async () => {
    const { http, fixture, element } = await render();
    expectOperation(http, 'SellerRating').flush(
      { errors: [{ message: 'unavailable' }] },
      { status: 502, statusText: 'Bad Gateway' },
    );
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="seller-page-rating"]')).toBeNull();
    expect(element.querySelector('h1')?.textContent).toContain('Acme Outfitters');
  });
});
