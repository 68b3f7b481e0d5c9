import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { APP_CONFIG, DEFAULT_CONFIG } from '../core/app-config';
import { product } from '../testing/fixtures';
import { ProductCard } from './product-card';

describe('ProductCard', () => {
  it('links to the product and shows its "from" price and stock', async () => {
    TestBed.configureTestingModule({
      imports: [ProductCard],
      providers: [provideRouter([]), { provide: APP_CONFIG, useValue: DEFAULT_CONFIG }],
    });
    const fixture = TestBed.createComponent(ProductCard);
    fixture.componentRef.setInput('product', product({ inStock: false }));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const link = element.querySelector('a')!;
    expect(link.textContent?.trim()).toBe('Linen shirt');
    expect(link.getAttribute('href')).toBe('/products/01PRODUCT');
    expect(element.textContent?.replace(/\s+/g, ' ')).toContain('from €29.99');
    expect(element.textContent).toContain('Out of stock');
    expect(element.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
      'Rated 4.5 out of 5 from 2 reviews',
    );
  });

  it('shows no stars for a product without reviews', async () => {
    TestBed.configureTestingModule({
      imports: [ProductCard],
      providers: [provideRouter([]), { provide: APP_CONFIG, useValue: DEFAULT_CONFIG }],
    });
    const fixture = TestBed.createComponent(ProductCard);
    fixture.componentRef.setInput('product', product({ ratingAvg: 0, ratingCount: 0 }));
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="rating-stars"]')).toBeNull();
  });
});
