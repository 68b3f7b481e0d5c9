import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { Meta, Title } from '@angular/platform-browser';
import type { Product } from '../catalog/catalog.models';
import { currencyDigits } from './money';

const SITE = 'Marketplace';
const LD_ID = 'product-jsonld';

/** schema.org Product with one Offer per variant, prices in major units as schema.org expects. */
export function productJsonLd(
  product: Product,
  url: string,
  sellerName: string | null,
): Record<string, unknown> {
  const digits = currencyDigits(product.currency);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: product.description,
    sku: product.variants[0]?.sku,
    url,
    ...(product.category ? { category: product.category.name } : {}),
    offers: product.variants.map((variant) => ({
      '@type': 'Offer',
      sku: variant.sku,
      price: (variant.priceMinor / 10 ** digits).toFixed(digits),
      priceCurrency: product.currency,
      availability: product.inStock ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      url,
      ...(sellerName ? { seller: { '@type': 'Organization', name: sellerName } } : {}),
    })),
  };
}

@Injectable({ providedIn: 'root' })
export class Seo {
  private readonly title = inject(Title);
  private readonly meta = inject(Meta);
  private readonly document = inject(DOCUMENT);

  setPage(title: string, description: string): void {
    this.title.setTitle(`${title} · ${SITE}`);
    this.meta.updateTag({ name: 'description', content: description.slice(0, 160) });
    this.meta.updateTag({ property: 'og:title', content: title });
    this.meta.updateTag({ property: 'og:description', content: description.slice(0, 200) });
  }

  setJsonLd(data: Record<string, unknown> | null): void {
    this.document.getElementById(LD_ID)?.remove();
    if (!data) return;
    const script = this.document.createElement('script');
    script.id = LD_ID;
    script.type = 'application/ld+json';
    // "<" escaped so a product text can never close the script element.
    script.textContent = JSON.stringify(data).replace(/</g, '\\u003c');
    this.document.head.appendChild(script);
  }
}
