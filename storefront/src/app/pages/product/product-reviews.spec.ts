import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideStore } from '@ngrx/store';
import { authFeature } from '../../auth/auth.reducer';
import { APP_CONFIG, DEFAULT_CONFIG } from '../../core/app-config';
import type { Review } from '../../reviews/reviews.models';
import { expectOperation } from '../../testing/graphql-requests';
import { ProductReviews } from './product-reviews';

function review(id: string, rating: number): Review {
  return {
    id,
    rating,
    title: `Review ${id}`,
    text: 'Text',
    createdAt: '2026-11-20T10:00:00.000Z',
    editedAt: null,
    helpfulCount: 0,
    verifiedPurchase: true,
    photos: [],
    reply: id === 'r1' ? { text: 'Thanks!', createdAt: '2026-11-21T10:00:00.000Z' } : null,
  };
}

const page = (nodes: Review[], endCursor: string | null, hasNextPage: boolean) => ({
  data: { product: { id: 'p1', reviews: { nodes, pageInfo: { hasNextPage, endCursor } } } },
});

describe('ProductReviews', () => {
  it('shows the summary and pages and sorts the reviews with the API cursors', async () => {
    TestBed.configureTestingModule({
      imports: [ProductReviews],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideStore({ [authFeature.name]: authFeature.reducer }),
        { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
      ],
    });
    const fixture = TestBed.createComponent(ProductReviews);
    fixture.componentRef.setInput('productId', 'p1');
    fixture.componentRef.setInput('rating', { count: 3, average: 3.33, distribution: [1, 0, 1, 0, 1] });
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);
    const element = fixture.nativeElement as HTMLElement;

    const first = expectOperation(http, 'ProductReviews');
    expect(first.request.body.variables).toEqual({ id: 'p1', sort: 'NEWEST', first: 5, after: null });
    first.flush(page([review('r1', 1), review('r2', 5)], 'c2', true));
    await fixture.whenStable();
    expect(element.textContent).toContain('3.3');
    expect(element.querySelectorAll('[data-testid="review"]')).toHaveLength(2);
    expect(element.querySelector('[data-testid="seller-reply"]')?.textContent).toContain('Thanks!');

    (element.querySelector('[data-testid="more-reviews"]') as HTMLButtonElement).click();
    const more = expectOperation(http, 'ProductReviews');
    expect(more.request.body.variables).toEqual({ id: 'p1', sort: 'NEWEST', first: 5, after: 'c2' });
    more.flush(page([review('r3', 3)], 'c3', false));
    await fixture.whenStable();
    expect(element.querySelectorAll('[data-testid="review"]')).toHaveLength(3);
    expect(element.querySelector('[data-testid="more-reviews"]')).toBeNull();

    const select = element.querySelector('[data-testid="review-sort"]') as HTMLSelectElement;
    select.value = 'LOWEST_RATING';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const sorted = expectOperation(http, 'ProductReviews');
    expect(sorted.request.body.variables).toEqual({ id: 'p1', sort: 'LOWEST_RATING', first: 5, after: null });
    sorted.flush(page([review('r1', 1)], 'c1', false));
    await fixture.whenStable();
    expect(element.querySelectorAll('[data-testid="review"]')).toHaveLength(1);
    http.verify();
  });
});
