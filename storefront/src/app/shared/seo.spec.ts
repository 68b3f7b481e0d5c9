import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { product } from '../testing/fixtures';
import { productJsonLd, Seo } from './seo';

describe('SEO', () => {
  it('describes a product as schema.org Product with one offer per variant', () => {
    const data = productJsonLd(product({ inStock: false }), 'http://shop/products/1', 'Acme');
    expect(data).toMatchObject({
      '@type': 'Product',
      name: 'Linen shirt',
      category: 'Shirts',
      sku: 'LS-S-W',
    });
    expect(data['offers']).toEqual([
      expect.objectContaining({
        price: '29.99',
        priceCurrency: 'EUR',
        availability: 'https://schema.org/OutOfStock',
        seller: { '@type': 'Organization', name: 'Acme' },
      }),
      expect.objectContaining({ sku: 'LS-M-W', price: '29.99' }),
      expect.objectContaining({ sku: 'LS-L-B', price: '34.99' }),
    ]);
  });

  it('writes the title, description and one escaped JSON-LD script', () => {
    const seo = TestBed.inject(Seo);
    const document = TestBed.inject(DOCUMENT);
    seo.setPage('Linen shirt', 'Breathable');
    seo.setJsonLd({ name: '</script><script>alert(1)</script>' });
    seo.setJsonLd({ name: '</script>' });
    expect(TestBed.inject(Title).getTitle()).toBe('Linen shirt · Marketplace');
    expect(document.querySelector('meta[name="description"]')?.getAttribute('content')).toBe('Breathable');
    const scripts = document.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.textContent).toBe('{"name":"\\u003c/script>"}');
    seo.setJsonLd(null);
    expect(document.querySelectorAll('script[type="application/ld+json"]')).toHaveLength(0);
  });
});
